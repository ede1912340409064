package health.registration.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbeJson;
import health.registration.adapters.http.LoopbackSite;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
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

    private final PolicyContext context;
    private volatile int handshakes;

    ProbePriming(PolicyContext context) {
        super("probe");
        this.context = context;
    }

    @Override
    protected List<String> prime() throws Exception {
        try (LoopbackSite site = LoopbackSite.start()) {
            List<String> outcomes = prime(new ProbeUrlsHandler(site.prober(context), url -> Optional.empty(),
                    url -> Optional.empty(), context));
            handshakes = site.handshakes();
            return outcomes;
        }
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
