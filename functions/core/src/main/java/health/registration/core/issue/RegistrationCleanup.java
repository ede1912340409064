package health.registration.core.issue;

import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One cleanup pass: removes registrations that never completed — pending records older than any registration can run
 * — together with their secrets, deleted at once because nobody ever received them; and finishes deletions that
 * stopped after the record turned {@code deleting}, publishing their {@code ClientDeleted} events first (a record whose
 * events cannot be published stays for the next pass, so none is lost). A pending record is first marked {@code abandoned} with a
 * conditional write, so a registration that is somehow still running can no longer activate it. Every step is
 * idempotent, so an interrupted pass is finished by the next one.
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
        abandonAll(now);
        int abandoned = removeAll(ClientStatus.ABANDONED, now, true);
        int deleted = removeAll(ClientStatus.DELETING, now, false);
        return new Pass(abandoned, deleted);
    }

    /** Marks every stale pending record abandoned; a record that changed meanwhile is left to the next pass. */
    private void abandonAll(Instant now) {
        int pages = 0;
        List<ClientRecord> due;
        do {
            due = stores.clients().due(ClientStatus.PENDING, now, PAGE);
            for (ClientRecord pending : due) {
                try {
                    stores.clients().replace(pending.next(ClientStatus.ABANDONED, pending.metadata(), pending.credentials(),
                            new UrlChecks(pending.checks().lastCheckedAt(), pending.checks().lastReport(), now), now));
                } catch (WriteConflict changedMeanwhile) {
                    // It turned active, or another pass took it: either way it is not ours to remove now.
                }
            }
        } while (due.size() == PAGE && ++pages < MAX_PAGES);
    }

    private int removeAll(ClientStatus status, Instant now, boolean neverDelivered) {
        int removed = 0;
        int pages = 0;
        List<ClientRecord> due;
        do {
            due = stores.clients().due(status, now, PAGE);
            for (ClientRecord record : due) {
                Optional<ClientRecord> current = stores.clients().find(record.clientId());
                if (current.isEmpty() || current.get().status() != status) {
                    continue;
                }
                if (neverDelivered) {
                    stores.secrets().destroy(record.clientId());
                } else {
                    stores.secrets().scheduleDeletion(record.clientId());
                }
                ClientRecord removing = current.get();
                if (!neverDelivered && removing.checks().pendingEvents().stream()
                        .noneMatch(event -> event.type() == LifecycleEvent.Type.DELETED)) {
                    // A deletion begun before change events existed: its ClientDeleted is told now.
                    removing = removing.withEvent(LifecycleEvent.Type.DELETED, removing.status());
                }
                if (!ClientRemoval.published(stores.events(), removing)) {
                    // The bus is down: the rest waits for the next pass rather than failing one by one.
                    return removed;
                }
                try {
                    stores.clients().delete(record.clientId(), current.get().version());
                    removed++;
                } catch (WriteConflict changedMeanwhile) {
                    // Someone else finished it, or it moved on; the next pass sees its current state.
                }
            }
        } while (due.size() == PAGE && ++pages < MAX_PAGES);
        return removed;
    }
}
