package health.registration.core.issue;

import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One cleanup pass: removes registrations that never completed — pending records older than any registration can run
 * — together with their secrets, deleted at once because nobody ever received them; and finishes deletions that
 * stopped after the record turned {@code deleting}. Every step is idempotent, so an interrupted pass is finished by
 * the next one.
 */
public final class RegistrationCleanup {

    /** What one pass did. */
    public record Pass(int abandonedRemoved, int deletionsFinished) {}

    private static final int PAGE = 100;
    /** A pass stops after this many pages, so records that cannot be removed now never keep it looping. */
    private static final int MAX_PAGES = 100;

    private final ClientStores stores;
    private final Clock clock;

    public RegistrationCleanup(ClientStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    public Pass run() {
        Instant now = clock.instant();
        int abandoned = removeAll(ClientStatus.PENDING, now, true);
        int deleted = removeAll(ClientStatus.DELETING, now, false);
        return new Pass(abandoned, deleted);
    }

    private int removeAll(ClientStatus status, Instant now, boolean neverDelivered) {
        int removed = 0;
        int pages = 0;
        List<ClientRecord> due;
        do {
            due = stores.clients().due(status, now, PAGE);
            for (ClientRecord record : due) {
                if (neverDelivered) {
                    stores.secrets().destroy(record.clientId());
                } else {
                    stores.secrets().scheduleDeletion(record.clientId());
                }
                try {
                    stores.clients().delete(record.clientId(), record.version());
                    removed++;
                } catch (WriteConflict changedMeanwhile) {
                    // Someone else finished it, or it moved on; the next pass sees its current state.
                }
            }
        } while (due.size() == PAGE && ++pages < MAX_PAGES);
        return removed;
    }
}
