package health.registration.core.port;

import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.LifecycleEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event bus in memory: records every event published, in order, and can be told to fail as EventBridge does
 * when it cannot be reached. Thread-safe.
 */
public final class InMemoryClientEvents implements ClientEvents {

    private final List<LifecycleEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicInteger refusedCalls = new AtomicInteger();

    /** Every later publication throws {@link StoreUnavailable} and publishes nothing, until {@link #working()}. */
    public InMemoryClientEvents failing() {
        failing.set(true);
        return this;
    }

    /** Publications succeed again. */
    public InMemoryClientEvents working() {
        failing.set(false);
        return this;
    }

    @Override
    public void publish(List<LifecycleEvent> events) {
        if (failing.get()) {
            refusedCalls.incrementAndGet();
            throw new StoreUnavailable("the event bus is unavailable (injected)", null);
        }
        published.addAll(events);
    }

    /** Every event published, in order, repeats kept. */
    public List<LifecycleEvent> published() {
        return List.copyOf(published);
    }

    /**
     * The events of status changes alone (URL check failed, suspended, reinstated), in order: without the change
     * events (registered, updated, certificate rebound, deleted) every registration and update publishes.
     */
    public List<LifecycleEvent> statusEvents() {
        Set<LifecycleEvent.Type> status = Set.of(LifecycleEvent.Type.URL_CHECK_FAILED, LifecycleEvent.Type.SUSPENDED,
                LifecycleEvent.Type.REINSTATED);
        return published.stream().filter(event -> status.contains(event.type())).toList();
    }

    /** How many publications were refused while failing. */
    public int refusedCalls() {
        return refusedCalls.get();
    }
}
