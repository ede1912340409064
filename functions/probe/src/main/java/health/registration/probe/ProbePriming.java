package health.registration.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.aws.OfflineEndpoint;
import health.registration.adapters.dynamodb.DynamoRequestCounter;
import health.registration.adapters.http.LoopbackSite;
import health.registration.core.limit.SourceQuota;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbeJson;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The probe function's SnapStart priming: a handler of its own, over the deployed prober's stack aimed at an HTTPS
 * site inside the process ({@link LoopbackSite}: loopback only, a throw-away certificate) and a CRL source that has
 * none, answers a direct invocation with metadata, one with targets, a CRL request, and {@code POST /probe}. So the
 * TLS handshake and OkHttp's request path are loaded and run before the snapshot, not on the first probe after a
 * restore; the function's own handler would fetch the real URLs, so it does not serve here.
 */
final class ProbePriming extends PrimingResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the public function's source quota may count while priming: far above the one request it sends. */
    private static final long PRIMING_QUOTA = 1_000;
    /** The caller's address of the primed {@code POST /probe} (TEST-NET-1, RFC 5737). */
    private static final String PRIMING_SOURCE = "192.0.2.1";

    private final PolicyContext context;
    private final Optional<String> requestCountsTable;
    private volatile int handshakes;
    private volatile int countedRequests;

    /** The probe function's priming (direct invocations). */
    ProbePriming(PolicyContext context) {
        this(context, Optional.empty());
    }

    /**
     * @param requestCountsTable for the public probe function, its request counts table: {@code POST /probe} is then
     *                           also answered by a {@link PublicProbeHandler} whose source quota counts in it, over
     *                           DynamoDB calls answered in memory ({@link OfflineEndpoint#inMemory})
     */
    ProbePriming(PolicyContext context, Optional<String> requestCountsTable) {
        super("probe");
        this.context = context;
        this.requestCountsTable = requestCountsTable;
    }

    @Override
    protected List<String> prime() throws Exception {
        try (LoopbackSite site = LoopbackSite.start()) {
            List<String> outcomes = new ArrayList<>(prime(new ProbeUrlsHandler(site.prober(context),
                    url -> Optional.empty(), url -> Optional.empty(), context)));
            if (requestCountsTable.isPresent()) {
                outcomes.add(primePublic(site, requestCountsTable.get()));
            }
            handshakes = site.handshakes();
            return outcomes;
        }
    }

    /** {@code POST /probe} through the public handler, its source quota counting in the in-memory DynamoDB. */
    private String primePublic(LoopbackSite site, String table) throws Exception {
        try (OfflineEndpoint endpoint = OfflineEndpoint.inMemory(payload -> payload)) {
            DynamoDbRequests dynamo = endpoint.sender(DynamoDbRequests::endpoint, DynamoDbRequests::new);
            PublicProbeHandler handler = new PublicProbeHandler(site.prober(context), context,
                    new SourceQuota("probe", new DynamoRequestCounter(dynamo, table), PRIMING_QUOTA, Clock.systemUTC()));
            ObjectNode event = (ObjectNode) JSON.readTree(PrimingRequests.jsonPost("/probe", PrimingRequests.METADATA));
            ((ObjectNode) event.path("requestContext")).putObject("identity").put("sourceIp", PRIMING_SOURCE);
            String status = PrimingRequests.status(PrimingRequests.invoke(handler, JSON.writeValueAsBytes(event)));
            countedRequests = endpoint.requests();
            return "public=" + status;
        }
    }

    /** DynamoDB requests the public handler's quota sent while priming, every one answered in memory. */
    int countedRequests() {
        return countedRequests;
    }

    /** TLS handshakes the last priming made with its loopback site. */
    int handshakes() {
        return handshakes;
    }

    private static List<String> prime(ProbeUrlsHandler handler) throws Exception {
        JsonNode metadata = JSON.readTree(PrimingRequests.METADATA);
        byte[] report = JSON.writeValueAsBytes(JSON.createObjectNode().set(ProbeInvocation.METADATA, metadata));
        byte[] targets = JSON.writeValueAsBytes(UrlProbeJson.writeTargets(List.of(
                new ProbeTarget("https://app.example.com", FetchPurpose.PAGE),
                new ProbeTarget("https://app.example.com/logo.png", FetchPurpose.IMAGE))));
        byte[] crl = JSON.writeValueAsBytes(
                JSON.createObjectNode().put(ProbeInvocation.CRL_URL, "https://ca.example.com/ca.crl"));
        return List.of(
                outcome(PrimingRequests.invoke(handler, report), "passed"),
                outcome(PrimingRequests.invoke(handler, targets), UrlProbeJson.PROBES),
                outcome(PrimingRequests.invoke(handler, crl), "error"),
                PrimingRequests.status(PrimingRequests.invoke(handler,
                        PrimingRequests.jsonPost("/probe", PrimingRequests.METADATA))));
    }

    /** A direct invocation's answer, for the log: the named member's value, or its kind when it is no text. */
    private static String outcome(JsonNode answer, String member) {
        JsonNode value = answer.path(member);
        return value.isValueNode() ? member + "=" + value.asText()
                : member + ":" + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
