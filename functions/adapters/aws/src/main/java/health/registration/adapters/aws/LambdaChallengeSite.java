package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.ChallengeSite;
import health.registration.core.probe.ProbeInvocation;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Ownership challenges fetched by the probe function ({@link ProbeInvocation}: {@code {"challenge_url": ...}} in, {@code {"challenge": body}}
 * out), so that the fetch of a URL a developer chose leaves from the function whose role can reach nothing. Empty
 * when the probe function cannot supply the body. Never cached: a challenge is fetched once.
 */
public final class LambdaChallengeSite implements ChallengeSite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String functionName;

    public LambdaChallengeSite(LambdaClient lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public Optional<String> body(String url) {
        try {
            ObjectNode payload = ProbeInvocation.fromCaller(ProbeInvocation.challengeRequest(url));
            InvokeResponse response = lambda.invoke(r -> r.functionName(functionName)
                    .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromUtf8String(payload.toString())));
            if (response.functionError() != null) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.payload().asByteArray());
            return ProbeInvocation.text(answer, ProbeInvocation.CHALLENGE);
        } catch (SdkException | IOException unavailable) {
            return Optional.empty();
        }
    }
}
