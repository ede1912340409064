package health.registration.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.LambdaUrlProber;
import health.registration.adapters.aws.OfflineClients;
import health.registration.core.model.ClientMetadata;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeReportJson;
import health.registration.core.probe.UrlProbeJson;
import health.registration.edge.PrimingProber;
import health.registration.edge.Settings;
import java.security.SecureRandom;
import java.util.Base64;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The issuing functions wired exactly as in Lambda ({@link IssuanceWiring} and each function's own wiring, from the
 * function's own environment), over {@link AwsClients#offline} SDK clients: DynamoDB and Secrets Manager kept in
 * memory, and the probe function's Invoke answered in memory, every URL reachable. Whatever runs through it goes through the handlers, the core, the
 * adapters and the SDK's whole request path, and nothing leaves the process: SnapStart priming. Always through the
 * Lambda prober (the probe function is named even where the environment names none), never the in-process one, so
 * it never probes a URL.
 */
public final class OfflineIssuance implements AutoCloseable {

    /** The probe function as the offline wiring names it; its Invoke never leaves the process. */
    static final String PROBE_FUNCTION = "offline-probe";
    /** The Idempotency-Key pepper as the offline wiring names it; it lives in the offline Secrets Manager only. */
    static final String PEPPER_SECRET = "offline-idempotency-pepper";
    private static final PrimingProber PROBER = new PrimingProber();
    /** RFC 5737 TEST-NET-1: never routed, and only ever a budget key here. */
    private static final InetAddress PRIMING_ADDRESS = InetAddresses.forString("192.0.2.1");

    private final OfflineClients clients;
    private final IssuanceWiring wiring;

    private OfflineIssuance(Map<String, String> environment) {
        Map<String, String> offline = new HashMap<>(environment);
        offline.put(Settings.PROBE_FUNCTION_NAME, PROBE_FUNCTION);
        // A pepper of its own, drawn now and kept in memory: priming never reads the function's secret.
        offline.put(Settings.IDEMPOTENCY_PEPPER_SECRET, PEPPER_SECRET);
        this.clients = AwsClients.offline(OfflineIssuance::probeAnswer);
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        clients.secretsManager().createSecret(PEPPER_SECRET, Base64.getUrlEncoder().withoutPadding().encodeToString(pepper),
                UUID.randomUUID().toString(), Map.of(), Optional.empty());
        this.wiring = IssuanceWiring.from(new Settings(offline), clients);
    }

    /** @param environment the function's environment ({@code System.getenv()} in Lambda) */
    public static OfflineIssuance of(Map<String, String> environment) {
        return new OfflineIssuance(environment);
    }

    public IssuanceWiring wiring() {
        return wiring;
    }

    /** The offline clients the wiring runs over; a function builds its own service's client on them ({@link OfflineClients#client}). */
    public OfflineClients clients() {
        return clients;
    }

    /** Re-verification resolves the hosts it probes for its budget; offline, every name "resolves" to TEST-NET-1. */
    public NameResolver hostResolver() {
        return host -> List.of(PRIMING_ADDRESS);
    }

    /** How many SDK requests were answered from memory. */
    public int requests() {
        return clients.requests();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** What the probe function would answer if every URL answered 200 with what its member needs. */
    static JsonNode probeAnswer(JsonNode payload) {
        if (payload.path(ProbeInvocation.TARGETS).isArray()) {
            return UrlProbeJson.writeProbes(PROBER.probeUrls(UrlProbeJson.readTargets(payload)));
        }
        if (payload.path(ProbeInvocation.METADATA).isObject()) {
            return ProbeReportJson.write(PROBER.probe(ClientMetadata.of((ObjectNode) payload.get(ProbeInvocation.METADATA))));
        }
        return ProbeInvocation.unavailable(ProbeInvocation.Unavailable.CRL);
    }
}
