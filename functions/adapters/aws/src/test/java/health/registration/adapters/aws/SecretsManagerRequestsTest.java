package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@link SecretsManagerRequests} sends what the SDK's Secrets Manager client sends (Secrets Manager API reference;
 * AWS JSON 1.1) and reads its answers; both through an HTTP client that keeps every request in memory and answers
 * it (no socket). {@code SecretsManagerSecretStoreIT} runs the calls against moto.
 */
class SecretsManagerRequestsTest {

    private static final URI ENDPOINT = URI.create("https://secretsmanager.us-east-1.amazonaws.com");
    private static final StaticCredentialsProvider TESTING =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private final RecordingHttpClient http = new RecordingHttpClient();
    private final SecretsManagerRequests requests = new SecretsManagerRequests(http, ENDPOINT, Region.US_EAST_1, TESTING);

    @Test
    void sendsTheRequestsTheSdksSecretsManagerClientSends() {
        http.answer = "{\"ARN\": \"arn:aws:secretsmanager:us-east-1:123456789012:secret:p/c1-AbCdEf\", \"SecretString\": \"v\"}";
        try (SecretsManagerClient sdk = SecretsManagerClient.builder().httpClient(http).endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1).credentialsProvider(TESTING).build()) {
            sdk.createSecret(r -> r.name("p/c1").secretString("v").clientRequestToken("8d1f-token")
                    .kmsKeyId("alias/clients").tags(Tag.builder().key("client_id").value("c1").build()));
            requests.createSecret("p/c1", "v", "8d1f-token", Map.of("client_id", "c1"), Optional.of("alias/clients"));
            sdk.createSecret(r -> r.name("p/c2").secretString("w").clientRequestToken("9e2a-token"));
            requests.createSecret("p/c2", "w", "9e2a-token", Map.of(), Optional.empty());
            sdk.getSecretValue(r -> r.secretId("p/c1"));
            requests.secretString("p/c1");
            sdk.deleteSecret(r -> r.secretId("p/c1").recoveryWindowInDays(7L));
            requests.scheduleDeletion("p/c1", 7);
            sdk.deleteSecret(r -> r.secretId("p/c1").forceDeleteWithoutRecovery(true));
            requests.deleteWithoutRecovery("p/c1");
        }

        assertThat(http.sent).hasSize(10);
        // Signed as the SDK signs: the same credential scope (date/region/service).
        http.assertPairsSentAlike("testing/\\d{8}/us-east-1/secretsmanager/aws4_request");
    }

    @Test
    void readsTheArnAndTheSecretsText() {
        http.answer = "{\"ARN\": \"arn:aws:secretsmanager:us-east-1:123456789012:secret:p/c1-AbCdEf\", \"SecretString\": \"v\"}";

        assertThat(requests.createSecret("p/c1", "v", "token", Map.of(), Optional.empty()))
                .isEqualTo("arn:aws:secretsmanager:us-east-1:123456789012:secret:p/c1-AbCdEf");
        assertThat(requests.secretString("p/c1")).contains("v");
        http.answer = "{\"ARN\": \"arn\", \"SecretBinary\": \"AAEC\"}";
        assertThat(requests.secretString("p/c1")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | {\"__type\": \"ResourceNotFoundException\", \"message\": \"p/c1 is not there\"} | ResourceNotFoundException",
        "400 | {\"__type\": \"InvalidRequestException\", \"message\": \"p/c1 is scheduled for deletion\"} | InvalidRequestException",
        "400 | {\"__type\": \"ResourceExistsException\", \"message\": \"p/c1 exists\"} | ResourceExistsException",
        "403 | {\"message\": \"p/c1 denied\"} | ''",
    })
    void aRefusalNamesItsTypeNeverTheMessageAndIsNotRetried(int status, String body, String type) {
        http.status = status;
        http.answer = body;

        assertThatThrownBy(() -> requests.secretString("p/c1"))
                .isInstanceOfSatisfying(ServiceError.class, refused -> {
                    assertThat(refused.errorType()).isEqualTo(type);
                    assertThat(refused.status()).isEqualTo(status);
                })
                .message().doesNotContain("p/c1");
        assertThat(http.sent).hasSize(1);
    }

    @Test
    void aServerErrorIsRetriedUpToThreeAttempts() {
        http.status = 500;
        http.answer = "{\"__type\": \"InternalServiceError\"}";

        assertThatThrownBy(() -> requests.scheduleDeletion("p/c1", 7)).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(http.sent).hasSize(SignedRequests.ATTEMPTS);
    }
}
