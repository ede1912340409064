package health.registration.reverify;

import health.registration.adapters.aws.EventBridgeClientEvents;
import health.registration.adapters.aws.EventBridgeClients;
import health.registration.adapters.aws.EventBridgePutEvents;
import health.registration.adapters.http.NetworkUrlProber;
import health.registration.core.policy.PolicyContext;
import health.registration.core.issue.ClientStore;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationPolicy;
import health.registration.core.reverify.ReverificationPorts;
import health.registration.core.reverify.ReverificationSettings;
import health.registration.core.reverify.RunSummary;
import health.registration.core.udap.ProbedCrlSource;
import health.registration.edge.ReverificationConfiguration;
import health.registration.edge.Settings;
import health.registration.testkit.AwsEmulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Re-verification wired as {@code ReverifyWiring.reverification()} wires it — the settings from the environment,
 * the in-process network prober, events to the EventBridge bus — but with a page size and a per-host budget of the
 * test's choosing (neither has an environment variable) and the client store handed in, so that a test can put a
 * failure-injecting decorator around the DynamoDB store. Each run gets an executor of its own that is drained before
 * the run returns or throws, so no write of a failed run lands after the test has looked.
 */
final class RunWiring {

    private static final Clock CLOCK = Clock.tickMillis(ZoneOffset.UTC);

    private final PolicyContext context;
    private final ProbeSettings probeSettings;
    private final ReverificationSettings schedule;
    private final UrlProber prober;
    private final EventBridgeClientEvents events;
    private final Settings settings;

    RunWiring(Settings settings, int pageSize, int maxPerHostPerMinute) {
        this.context = settings.policyContext();
        ProbeConfiguration probing = settings.probeConfiguration();
        this.probeSettings = new ProbeSettings(probing.limits(), probing.termsFailuresAreErrors(), context);
        ReverificationSettings s = ReverificationConfiguration.settings(settings);
        this.schedule = new ReverificationSettings(s.interval(), s.jitter(), s.transientRecheck(), s.deferredRecheck(),
                s.suspendAfterFailures(), s.suspendAfterSpan(), pageSize, s.inlineLimit(), s.segmentSize(),
                s.probeChunk(), s.probeLanes(), maxPerHostPerMinute);
        this.prober = NetworkUrlProber.create(probing, context);
        this.settings = settings;
        AwsEmulator.client(EventBridgeClients::shared);
        this.events = new EventBridgeClientEvents(EventBridgePutEvents.shared(),
                ReverificationConfiguration.eventBusName(settings).orElseThrow());
    }

    RunSummary run(ClientStore clients, String runId, Instant runAt, Instant stopCheckingAt) {
        return run(clients, runId, runAt, stopCheckingAt, CLOCK);
    }

    /** As above, the run reading time from {@code clock}: a stopped clock ends a wait for a host's budget at once. */
    RunSummary run(ClientStore clients, String runId, Instant runAt, Instant stopCheckingAt, Clock clock) {
        ExecutorService executor = Executors.newFixedThreadPool(schedule.probeLanes());
        try {
            Reverification reverification = new Reverification(
                    new ReverificationPorts(clients, prober, events, segment -> {
                        throw new IllegalStateException("this wiring checks every client inline");
                    }, new ProbedCrlSource(NetworkUrlProber.network(settings.probeConfiguration()), CLOCK, 1024 * 1024)),
                    new ReverificationPolicy(context, probeSettings, schedule), executor, clock);
            return reverification.run(runId, runAt, stopCheckingAt);
        } finally {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the run's writes did not finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
