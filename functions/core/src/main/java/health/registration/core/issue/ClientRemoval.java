package health.registration.core.issue;

import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;

/**
 * Removes a client without ever leaving a usable half: the record turns {@code deleting} (invisible), its secret is
 * scheduled for deletion, then the record goes. The cleanup finishes a removal that stops midway.
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
                client.checks().dueAt(now), now);
        try {
            stores.clients().replace(deleting);
        } catch (WriteConflict changedMeanwhile) {
            return false;
        }
        stores.secrets().scheduleDeletion(client.clientId());
        try {
            stores.clients().delete(client.clientId(), deleting.version());
        } catch (WriteConflict finishedMeanwhile) {
            // Only the cleanup changes a deleting record, and it finishes the same deletion.
        }
        return true;
    }
}
