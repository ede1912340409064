package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeReportJson;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbe;
import health.registration.core.probe.UrlProbeJson;
import health.registration.core.probe.UrlProber;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link UrlProber} through the probe function ({@link ProbeInvocation}): a synchronous Lambda Invoke with {@code {"metadata": {...}}}, answered
 * with a {@link ProbeReportJson} report, or with {@code {"targets": [...]}}, answered with {@link UrlProbeJson} probes. The probe function is the only code that fetches registrants' URLs, and its
 * role holds no credentials worth stealing, so the issuing functions never fetch anything themselves. When no report
 * comes back (the function failed, answered something else, or could not be reached) this throws
 * {@link StoreUnavailable}: a registration is never issued unprobed. Payloads are never logged, since URLs may carry
 * tokens in their queries.
 */
public final class LambdaUrlProber implements UrlProber {

    private static final String NO_ANSWER = "the probe function did not answer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoke lambda;
    private final String functionName;

    /**
     * @param lambda       from {@link LambdaInvoke#shared()}
     * @param functionName the probe function's name or ARN, with its alias ({@code PROBE_FUNCTION_NAME})
     */
    public LambdaUrlProber(LambdaInvoke lambda, String functionName) {
        this.lambda = Objects.requireNonNull(lambda);
        this.functionName = Objects.requireNonNull(functionName);
    }

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        return read(invoke(ProbeInvocation.metadataRequest(metadata.toJson())), ProbeReportJson::read, "a probe report");
    }

    /** One invocation with {@code {"targets": [...]}}; the caller keeps each call within the function's cap. */
    @Override
    public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
        List<UrlProbe> probes = read(invoke(UrlProbeJson.writeTargets(targets)), UrlProbeJson::readProbes, "a list of probes");
        if (probes.size() != targets.size()) {
            throw new StoreUnavailable(NO_ANSWER + ": it answered " + probes.size() + " probes for " + targets.size() + " targets", null);
        }
        return probes;
    }

    private byte[] invoke(ObjectNode payload) {
        LambdaInvoke.Answer response;
        try {
            response = lambda.invoke(functionName, bytes(ProbeInvocation.fromCaller(payload)));
        } catch (SdkException e) {
            throw new StoreUnavailable(NO_ANSWER + ": the invocation failed", e);
        }
        if (response.functionError().isPresent()) {
            // "Handled" or "Unhandled": the function threw or timed out; its payload describes the error, unlogged.
            throw new StoreUnavailable(NO_ANSWER + ": it failed (" + response.functionError().get() + ")", null);
        }
        return response.payload();
    }

    private static byte[] bytes(ObjectNode payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
    }

    private static <T> T read(byte[] payload, Function<JsonNode, T> reader, String expected) {
        try {
            return reader.apply(JSON.readTree(payload));
        } catch (IOException | IllegalArgumentException notAnAnswer) {
            // Not kept as the cause: parser messages quote the payload, and URLs may carry tokens.
            throw new StoreUnavailable(NO_ANSWER + ": its answer is not " + expected + " ("
                    + notAnAnswer.getClass().getSimpleName() + ")", null);
        }
    }
}
