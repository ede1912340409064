package health.registration.core.issue;

import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Removes a client without ever leaving a usable half: the record turns {@code deleting} (invisible) with its
 * {@code ClientDeleted} event in its outbox, its secret is scheduled for deletion, the events are published, then
 * the record goes. The cleanup finishes a removal that stops midway, or whose events could not be published.
 */
public final class ClientRemoval {

    private final ClientStores stores;
    private final Clock clock;

    public ClientRemoval(ClientStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** False when the client changed since it was read (optimistic locking); nothing was removed then. */
    public boolean remove(ClientRecord client) {
        Instant now = clock.instant();
        ClientRecord deleting = client.next(ClientStatus.DELETING, client.metadata(), client.credentials(),
                client.checks().dueAt(now), now).withEvent(LifecycleEvent.Type.DELETED, client.status());
        try {
            stores.clients().replace(deleting);
        } catch (WriteConflict changedMeanwhile) {
            return false;
        }
        stores.secrets().scheduleDeletion(client.clientId());
        if (published(stores.events(), deleting)) {
            try {
                stores.clients().delete(client.clientId(), deleting.version());
            } catch (WriteConflict finishedMeanwhile) {
                // Only the cleanup changes a deleting record, and it finishes the same deletion.
            }
        }
        return true;
    }

    /**
     * Publishes the events a record being removed still carries, {@code ClientDeleted} among them, so that none goes
     * with the record. True when they were published, or when this function publishes none (no event bus is
     * configured, as locally): the record may go then. False leaves the record to the cleanup.
     */
    static boolean published(ClientEvents events, ClientRecord removed) {
        List<LifecycleEvent> pending = removed.checks().pendingEvents();
        if (pending.isEmpty() || events == null) {
            return true;
        }
        try {
            events.publish(pending);
            return true;
        } catch (StoreUnavailable unpublished) {
            return false;
        }
    }
}
