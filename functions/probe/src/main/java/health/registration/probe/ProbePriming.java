package health.registration.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbeJson;
import health.registration.edge.PrimingProber;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The probe function's SnapStart priming: a handler of its own, over a prober that fetches nothing
 * ({@link PrimingProber}) and a CRL source that has none, answers a direct invocation with metadata, one with targets,
 * a CRL request, and {@code POST /probe}. The function's own handler would fetch the URLs, so it does not serve here.
 */
final class ProbePriming extends PrimingResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyContext context;

    ProbePriming(PolicyContext context) {
        super("probe");
        this.context = context;
    }

    @Override
    protected List<String> prime() throws Exception {
        ProbeUrlsHandler handler = new ProbeUrlsHandler(new PrimingProber(), url -> Optional.empty(), url -> Optional.empty(), context);
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
