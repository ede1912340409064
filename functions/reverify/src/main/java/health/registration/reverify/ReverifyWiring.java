package health.registration.reverify;

import health.registration.adapters.aws.SqsRequests;
import health.registration.adapters.aws.SqsReverificationQueue;
import health.registration.adapters.dns.SystemNameResolver;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.core.issue.ClientEvents;
import health.registration.core.model.SupportedScopes;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationPolicy;
import health.registration.core.reverify.ReverificationPorts;
import health.registration.core.reverify.ReverificationQueue;
import health.registration.core.reverify.ReverificationSettings;
import health.registration.edge.ReverificationConfiguration;
import health.registration.edge.Settings;
import health.registration.issuance.IssuanceWiring;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The reverify function's pieces over the shared {@link IssuanceWiring}: re-verification, probing through the shared
 * {@code Probing}, UDAP clients' certificates against the CRLs registration uses, lifecycle events to EventBridge when
 * {@code EVENT_BUS_NAME} is set, fan-out to SQS when {@code REVERIFY_QUEUE_URL} is set. The run resolves each host
 * itself too (the system resolver, with the {@code PROBE_HOSTS_FILE} seam), so that its per-host budget also counts
 * addresses (RunProbes).
 */
public final class ReverifyWiring {

    private ReverifyWiring() {}

    /** Re-verification resolving hosts through the system resolver, fanning out through this container's SQS sender. */
    public static Reverification reverification(IssuanceWiring shared) {
        return reverification(shared, SystemNameResolver.create(shared.settings().probeConfiguration()), SqsRequests::shared);
    }

    /**
     * Re-verification resolving hosts through {@code hostResolver} (priming resolves nothing through DNS) and fanning
     * out through {@code sqs}. SQS's SendMessage is this function's alone, not the shared wiring's, so that no other
     * function's package carries SQS's model classes (docs/performance-packages.md).
     */
    public static Reverification reverification(IssuanceWiring shared, NameResolver hostResolver, Supplier<SqsRequests> sqs) {
        Settings settings = shared.settings();
        // Scopes were decided when granted (IG STU2 general §7.3); a later change of SCOPES_SUPPORTED suspends no one.
        PolicyContext context = settings.policyContext().withSupportedScopes(SupportedScopes.UNRESTRICTED);
        ProbeConfiguration probing = settings.probeConfiguration();
        ReverificationSettings schedule = ReverificationConfiguration.settings(settings);
        ReverificationQueue queue = ReverificationConfiguration.queueUrl(settings)
                .<ReverificationQueue>map(url -> new SqsReverificationQueue(sqs.get(), url))
                .orElse(segment -> {
                    throw new IllegalStateException("REVERIFY_QUEUE_URL is not set, so every client is checked inline");
                });
        ClientEvents events = Optional.ofNullable(shared.events()).orElse(unsent -> {
            throw new StoreUnavailable("EVENT_BUS_NAME is not set: events stay on the records", null);
        });
        ReverificationPorts ports = new ReverificationPorts(new DynamoClientStore(shared.aws().dynamoDb(),
                settings.clientsTable()), shared.probing().prober(context), events, queue, shared.crlSource(), hostResolver);
        ReverificationPolicy policy = new ReverificationPolicy(context,
                new ProbeSettings(probing.limits(), probing.termsFailuresAreErrors(), context), schedule);
        return new Reverification(ports, policy, workers(schedule.probeLanes()), IssuanceWiring.CLOCK);
    }

    private static ExecutorService workers(int count) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "reverify-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
