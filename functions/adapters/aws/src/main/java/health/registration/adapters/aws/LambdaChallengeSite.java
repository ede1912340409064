package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.probe.ProbeInvocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Ownership challenges fetched by the probe function ({@link ProbeInvocation}: {@code {"challenge_url": ...}} in, {@code {"challenge": body}}
 * out), so that the fetch of a URL a developer chose leaves from the function whose role can reach nothing. Empty
 * when the probe function cannot supply the body. Never cached: a challenge is fetched once.
 */
public final class LambdaChallengeSite implements ChallengeSite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaInvoke lambda;
    private final String functionName;

    public LambdaChallengeSite(LambdaInvoke lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public Optional<String> body(String url) {
        try {
            ObjectNode payload = ProbeInvocation.fromCaller(ProbeInvocation.challengeRequest(url));
            LambdaInvoke.Answer response = lambda.invoke(functionName, payload.toString().getBytes(StandardCharsets.UTF_8));
            if (response.functionError().isPresent()) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.payload());
            return ProbeInvocation.text(answer, ProbeInvocation.CHALLENGE);
        } catch (SdkException | IOException unavailable) {
            return Optional.empty();
        }
    }
}
