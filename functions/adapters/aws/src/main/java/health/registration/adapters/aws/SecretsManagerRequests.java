package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The Secrets Manager calls the functions make (Secrets Manager API reference: CreateSecret, GetSecretValue,
 * DeleteSecret; AWS JSON 1.1, {@code X-Amz-Target: secretsmanager.<operation>}), signed and sent by
 * {@link SignedRequests} as {@link EventBridgePutEvents} sends PutEvents: without the Secrets Manager client, whose
 * service model would come with it (docs/performance-packages.md). A refusal is a {@link ServiceError} naming the
 * error's type ({@code ResourceNotFoundException}, ...); every failure is an {@link SdkClientException} that never
 * carries a secret's value.
 */
public final class SecretsManagerRequests {

    static final String SIGNING_NAME = "secretsmanager";
    /** The SDK's variable for Secrets Manager's endpoint (service id "Secrets Manager"). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedRequests requests;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    Secrets Manager's endpoint (scheme, host and port)
     * @param region      the region the requests are signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public SecretsManagerRequests(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.requests = new SignedRequests("Secrets Manager", SIGNING_NAME, http, endpoint, region, credentials);
    }

    /** This container's requests: {@link ClientSettings}' region and credentials, Secrets Manager's endpoint, built on first use. */
    public static SecretsManagerRequests shared() {
        return Holder.REQUESTS;
    }

    // The JVM initialises the holder, and so builds the sender, on its first use only.
    private static final class Holder {
        static final SecretsManagerRequests REQUESTS = ClientSettings.sender(SecretsManagerRequests::endpoint,
                SecretsManagerRequests::new);
    }

    /** Secrets Manager's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    public static URI endpoint(Map<String, String> environment, Region region) {
        return SignedRequests.endpoint(environment, ENDPOINT_VARIABLE, SIGNING_NAME, region);
    }

    /**
     * CreateSecret of a text secret, tagged; the new secret's ARN.
     *
     * @param clientRequestToken the version's id, so that a retry with the same value is answered with the same secret
     * @param kmsKeyId           the key to encrypt it with; empty for the account's default key
     */
    public String createSecret(String name, String secretString, String clientRequestToken, Map<String, String> tags,
            Optional<String> kmsKeyId) {
        ObjectNode request = JSON.createObjectNode().put("Name", name).put("ClientRequestToken", clientRequestToken);
        kmsKeyId.ifPresent(key -> request.put("KmsKeyId", key));
        request.put("SecretString", secretString);
        if (!tags.isEmpty()) {
            ArrayNode list = request.putArray("Tags");
            tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
        }
        JsonNode answer = call("CreateSecret", request);
        if (!answer.path("ARN").isTextual()) {
            throw SdkClientException.create("Secrets Manager's CreateSecret answer names no ARN");
        }
        return answer.get("ARN").asText();
    }

    /** GetSecretValue of the current version: its text; empty when the secret holds binary data only. */
    public Optional<String> secretString(String secretId) {
        JsonNode answer = call("GetSecretValue", JSON.createObjectNode().put("SecretId", secretId));
        return answer.path("SecretString").isTextual() ? Optional.of(answer.get("SecretString").asText()) : Optional.empty();
    }

    /** DeleteSecret, restorable for {@code recoveryWindowDays} (7 to 30). */
    public void scheduleDeletion(String secretId, long recoveryWindowDays) {
        call("DeleteSecret", JSON.createObjectNode().put("SecretId", secretId).put("RecoveryWindowInDays", recoveryWindowDays));
    }

    /** DeleteSecret at once, without a recovery window. */
    public void deleteWithoutRecovery(String secretId) {
        call("DeleteSecret", JSON.createObjectNode().put("SecretId", secretId).put("ForceDeleteWithoutRecovery", true));
    }

    private JsonNode call(String operation, ObjectNode request) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(request);
        } catch (IOException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
        SignedRequests.Answer answer = requests.post("/", Map.of("X-Amz-Target", "secretsmanager." + operation,
                "Content-Type", "application/x-amz-json-1.1"), body);
        JsonNode read;
        try {
            read = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            throw SdkClientException.create("Secrets Manager's " + operation + " answer is not JSON");
        }
        if (read == null || !read.isObject()) {
            throw SdkClientException.create("Secrets Manager's " + operation + " answer is not a JSON object");
        }
        return read;
    }
}
