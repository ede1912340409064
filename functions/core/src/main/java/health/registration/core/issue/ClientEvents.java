package health.registration.core.issue;

import health.registration.core.port.StoreUnavailable;
import java.util.List;

/**
 * Port: publishes client lifecycle events (EventBridge bus {@code EVENT_BUS_NAME}), for the operator to route to
 * email or tickets. Events are written on the client record first and published after, so a failed publication is
 * retried later rather than lost.
 */
public interface ClientEvents {

    /** Publishes every event. @throws StoreUnavailable when any of them may not have been published */
    void publish(List<LifecycleEvent> events);
}
