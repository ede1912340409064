package health.registration.core.reverify;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.udap.InMemoryCrlSource;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryClientStore;
import health.registration.core.port.InMemoryReverificationQueue;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Re-verification wired to in-memory ports: the client store behind a failure-injecting decorator, a prober that
 * never touches the network, an event bus and a queue that record what they are given, and a clock that moves only
 * when told. Runs are scheduled daily at {@link #RUN_AT} plus whole days, and start a minute after their time.
 */
final class ReverificationBench implements AutoCloseable {

    /** The first scheduled run: a day after the fixtures registered, when they are first due. */
    static final Instant RUN_AT = ClientFixtures.REGISTERED.plus(Duration.ofDays(1));
    static final String RUN = runId(0);

    final MutableClock clock = MutableClock.at(RUN_AT.plus(Duration.ofMinutes(1)));
    final InMemoryClientStore store = new InMemoryClientStore();
    final FailingClientStore clients = new FailingClientStore(store);
    final InMemoryUrlProber prober = new InMemoryUrlProber();
    final InMemoryClientEvents events = new InMemoryClientEvents();
    final InMemoryReverificationQueue queue = new InMemoryReverificationQueue();
    private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();
    private ReverificationSettings settings = ReverificationSettings.defaults();

    static String runId(int day) {
        return "run-" + RUN_AT.plus(Duration.ofDays(day));
    }

    /** The production settings with other page, inline and segment sizes. */
    ReverificationBench sized(int pageSize, int inlineLimit, int segmentSize) {
        ReverificationSettings d = ReverificationSettings.defaults();
        settings = new ReverificationSettings(d.interval(), d.jitter(), d.transientRecheck(), d.deferredRecheck(),
                d.suspendAfterFailures(), d.suspendAfterSpan(), pageSize, inlineLimit, segmentSize, d.probeChunk(),
                d.probeLanes(), d.maxPerHostPerMinute());
        return this;
    }

    /** The CRLs UDAP clients' certificates are checked against; none unless a test adds one. */
    final InMemoryCrlSource crls = new InMemoryCrlSource();

    /** A new service over the same ports, on its own threads (as a new invocation would be). */
    Reverification reverification() {
        ExecutorService executor = Executors.newFixedThreadPool(settings.probeLanes());
        executors.add(executor);
        ProbeSettings probing = new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT);
        return new Reverification(new ReverificationPorts(clients, prober, events, queue, crls),
                new ReverificationPolicy(ValidMetadata.CONTEXT, probing, settings), executor, clock);
    }

    /** The first scheduled run, with ten minutes to check inline. */
    RunSummary run() {
        return reverification().run(RUN, RUN_AT, stopAt());
    }

    /** The run scheduled so many days after the first, started a minute after its time. */
    RunSummary runOnDay(int day) {
        Instant runAt = RUN_AT.plus(Duration.ofDays(day));
        clock.set(runAt.plus(Duration.ofMinutes(1)));
        return reverification().run(runId(day), runAt, stopAt());
    }

    Instant stopAt() {
        return clock.instant().plus(Duration.ofMinutes(10));
    }

    ClientRecord add(ClientRecord record) {
        store.create(record);
        return record;
    }

    ClientRecord stored(ClientId id) {
        return store.find(id).orElseThrow();
    }

    /** Waits for every write a failed invocation left running, as a crashed invocation's would have ended. */
    void quiesce() throws InterruptedException {
        for (ExecutorService executor : executors) {
            executor.shutdown();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("writes still running");
            }
        }
    }

    @Override
    public void close() {
        executors.forEach(ExecutorService::shutdownNow);
    }
}
