package health.registration.core.reverify;

import health.registration.core.issue.ClientStatus;
import java.util.concurrent.atomic.AtomicLong;

/** The counts of a run while it runs; thread-safe. */
final class RunTally {

    final AtomicLong selected = new AtomicLong();
    final AtomicLong checked = new AtomicLong();
    final AtomicLong passed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong deferred = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong queuedSegments = new AtomicLong();
    final AtomicLong queuedClients = new AtomicLong();
    final AtomicLong urlReferences = new AtomicLong();
    final AtomicLong warned = new AtomicLong();
    final AtomicLong suspended = new AtomicLong();
    final AtomicLong reinstated = new AtomicLong();
    final AtomicLong eventsUnsent = new AtomicLong();

    void transition(ClientStatus from, ClientStatus to) {
        if (from == to) {
            return;
        }
        switch (to) {
            case WARNING -> warned.incrementAndGet();
            case SUSPENDED -> suspended.incrementAndGet();
            case ACTIVE -> reinstated.incrementAndGet();
            default -> throw new IllegalArgumentException("re-verification turns a client warning, suspended or active");
        }
    }

    RunSummary summary(String runId, long probesMade) {
        return new RunSummary(runId, selected.get(), checked.get(), passed.get(), failed.get(), deferred.get(),
                skipped.get(), conflicts.get(), queuedSegments.get(), queuedClients.get(), urlReferences.get(),
                probesMade, warned.get(), suspended.get(), reinstated.get(), eventsUnsent.get());
    }
}
