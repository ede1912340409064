package health.registration.core.issue;

import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.util.function.Consumer;

/**
 * Publishes the events a client record carries, then clears them from it. Events are written with the change they
 * describe, so a crash or a failed publication leaves them on the record, to be published again (same ids) the next
 * time the client is checked or changed.
 */
public final class EventOutbox {

    private final Consumer<ClientRecord> replace;
    private final ClientEvents events;

    /** @param events where to publish; null when this function does not publish, leaving events for the next check */
    public EventOutbox(ClientStore clients, ClientEvents events) {
        this(clients::replace, events);
    }

    /**
     * @param replace replaces a record with its next version, as {@link ClientStore#replace} does (a UDAP
     *                registration's store writes through its own)
     * @param events  where to publish; null when this function does not publish, leaving events for the next check
     */
    public EventOutbox(Consumer<ClientRecord> replace, ClientEvents events) {
        this.replace = replace;
        this.events = events;
    }

    /** Publishes and clears the record's events; false when they were left on it. */
    public boolean flush(ClientRecord record) {
        if (record.checks().pendingEvents().isEmpty()) {
            return true;
        }
        if (events == null) {
            return false;
        }
        try {
            events.publish(record.checks().pendingEvents());
        } catch (StoreUnavailable unpublished) {
            return false;
        }
        try {
            replace.accept(record.next(record.status(), record.metadata(), record.credentials(),
                    record.checks().published(), record.updatedAt()));
        } catch (WriteConflict changedMeanwhile) {
            // Published, but still on the record: published again later with the same ids, which consumers drop.
        }
        return true;
    }
}
