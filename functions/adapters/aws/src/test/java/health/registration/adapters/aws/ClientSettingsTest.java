package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK's system properties come before its variables, for the calls this module signs itself as for the SDK's
 * clients: an emulator started inside a test JVM (LocalStack, docs/testing.md) is announced through them.
 */
class ClientSettingsTest {

    @ParameterizedTest(name = "AWS_ENDPOINT_URL={0}, aws.endpointUrl={1}, AWS_ENDPOINT_URL_LAMBDA={2} -> {3}")
    @CsvSource({
        "http://127.0.0.1:5000, ,                      ,                      http://127.0.0.1:5000",
        "http://127.0.0.1:5000, http://127.0.0.1:4566, ,                      http://127.0.0.1:4566",
        ",                      http://127.0.0.1:4566, ,                      http://127.0.0.1:4566",
        "http://127.0.0.1:5000, http://127.0.0.1:4566, http://127.0.0.1:5001, http://127.0.0.1:5001",
        ",                      ,                      ,                      https://lambda.eu-west-1.amazonaws.com",
    })
    void theEndpointPropertyComesBeforeTheSharedVariableAndAfterTheServiceOne(String variable, String property,
            String lambdaVariable, String expected) {
        Map<String, String> variables = new HashMap<>(Map.of("AWS_REGION", "eu-west-1"));
        if (variable != null) {
            variables.put("AWS_ENDPOINT_URL", variable);
        }
        if (lambdaVariable != null) {
            variables.put("AWS_ENDPOINT_URL_LAMBDA", lambdaVariable);
        }
        Properties properties = new Properties();
        if (property != null) {
            properties.setProperty("aws.endpointUrl", property);
        }

        Map<String, String> environment = ClientSettings.environment(variables, properties);

        assertThat(LambdaInvoke.endpoint(environment, Region.EU_WEST_1)).isEqualTo(URI.create(expected));
    }

    @ParameterizedTest(name = "AWS_REGION={0}, aws.region={1} -> {2}")
    @CsvSource({
        "eu-west-1, ,          eu-west-1",
        "eu-west-1, us-east-1, us-east-1",
        ",          us-east-1, us-east-1",
        "eu-west-1, '  ',      eu-west-1",
    })
    void theRegionPropertyComesBeforeTheVariable(String variable, String property, String expected) {
        Map<String, String> variables = new HashMap<>();
        if (variable != null) {
            variables.put("AWS_REGION", variable);
        }
        Properties properties = new Properties();
        if (property != null) {
            properties.setProperty("aws.region", property);
        }

        assertThat(ClientSettings.environment(variables, properties)).containsEntry("AWS_REGION", expected);
    }

    @Test
    void theCredentialsChainResolvesNothingWhenBuiltAndAsTheDefaultChainWhenAsked() {
        // Built before any credential exists (as at a SnapStart init), it resolves the ones present when asked.
        AwsCredentialsProvider credentials = ClientSettings.credentials();
        System.setProperty("aws.accessKeyId", "AKIDCHAINTEST");
        System.setProperty("aws.secretAccessKey", "chain-test-secret");
        try {
            AwsCredentials resolved = credentials.resolveCredentials();
            assertThat(resolved.accessKeyId()).isEqualTo("AKIDCHAINTEST");
            assertThat(resolved.secretAccessKey()).isEqualTo("chain-test-secret");
            assertThat(resolved.accessKeyId()).isEqualTo(DefaultCredentialsProvider.builder().build().resolveCredentials()
                    .accessKeyId());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
