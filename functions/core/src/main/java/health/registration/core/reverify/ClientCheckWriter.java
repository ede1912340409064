package health.registration.core.reverify;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.EventOutbox;
import health.registration.core.issue.ClientEvents;
import health.registration.core.issue.ClientStore;
import health.registration.core.port.WriteConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes one client's check with optimistic locking, then publishes the events it carries. A conflict means someone
 * else wrote the client meanwhile: if its metadata changed (an update, which passed its own review) the check is
 * dropped; otherwise the verdict is applied once more to what is stored now. Events go out through the
 * {@link EventOutbox}.
 */
final class ClientCheckWriter {

    private final ClientStore clients;
    private final EventOutbox outbox;
    private final ClientLifecycle lifecycle;
    private final Clock clock;

    ClientCheckWriter(ClientStore clients, ClientEvents events, ClientLifecycle lifecycle, Clock clock) {
        this.clients = clients;
        this.outbox = new EventOutbox(clients, events);
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    void write(ClientRecord record, CheckVerdict verdict, String runId, Instant runAt, RunTally tally) {
        ClientRecord current = record;
        for (int attempt = 0; attempt < 2; attempt++) {
            ClientRecord next = lifecycle.apply(current, verdict, runId, runAt, clock.instant());
            try {
                clients.replace(next);
            } catch (WriteConflict changedMeanwhile) {
                Optional<ClientRecord> fresh = clients.find(record.clientId());
                if (fresh.isEmpty() || !fresh.get().status().visible() || runId.equals(fresh.get().checks().lastRunId())) {
                    tally.skipped.incrementAndGet();
                    return;
                }
                if (!fresh.get().metadata().toJson().equals(record.metadata().toJson())) {
                    tally.conflicts.incrementAndGet();
                    return;
                }
                current = fresh.get();
                continue;
            }
            count(current, next, verdict, tally);
            if (!outbox.flush(next)) {
                tally.eventsUnsent.addAndGet(next.checks().pendingEvents().size());
            }
            return;
        }
        tally.conflicts.incrementAndGet();
    }

    private static void count(ClientRecord before, ClientRecord after, CheckVerdict verdict, RunTally tally) {
        switch (verdict) {
            case CheckVerdict.Deferred deferred -> {
                tally.deferred.incrementAndGet();
                return;
            }
            case CheckVerdict.Passed passed -> {
                tally.checked.incrementAndGet();
                tally.passed.incrementAndGet();
            }
            case CheckVerdict.Failed failed -> {
                tally.checked.incrementAndGet();
                tally.failed.incrementAndGet();
            }
        }
        tally.transition(before.status(), after.status());
    }
}
