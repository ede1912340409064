package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.ChallengeSite;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Ownership challenges fetched by the probe function ({@code {"challenge_url": ...}} in, {@code {"challenge": body}}
 * out), so that the fetch of a URL a developer chose leaves from the function whose role can reach nothing. Empty
 * when the probe function cannot supply the body. Never cached: a challenge is fetched once.
 */
public final class LambdaChallengeSite implements ChallengeSite {

    public static final String CHALLENGE_URL = "challenge_url";
    public static final String CHALLENGE = "challenge";
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
            ObjectNode payload = JSON.createObjectNode().put(CHALLENGE_URL, url);
            InvokeResponse response = lambda.invoke(r -> r.functionName(functionName)
                    .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromUtf8String(payload.toString())));
            if (response.functionError() != null) {
                return Optional.empty();
            }
            JsonNode answer = JSON.readTree(response.payload().asByteArray());
            return answer.path(CHALLENGE).isTextual() ? Optional.of(answer.get(CHALLENGE).textValue()) : Optional.empty();
        } catch (SdkException | IOException unavailable) {
            return Optional.empty();
        }
    }
}
