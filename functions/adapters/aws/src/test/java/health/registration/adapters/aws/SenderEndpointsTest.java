package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

/**
 * Every signed sender goes where the SDK's client of its service would: the service's own endpoint variable, else
 * {@code AWS_ENDPOINT_URL}, else the service's regional endpoint in the region's partition.
 */
class SenderEndpointsTest {

    private record Service(String variable, BiFunction<Map<String, String>, Region, URI> endpoint) {}

    private static final Map<String, Service> SERVICES = Map.of(
            "dynamodb", new Service(DynamoDbRequests.ENDPOINT_VARIABLE, DynamoDbRequests::endpoint),
            "sqs", new Service(SqsRequests.ENDPOINT_VARIABLE, SqsRequests::endpoint),
            "secretsmanager", new Service(SecretsManagerRequests.ENDPOINT_VARIABLE, SecretsManagerRequests::endpoint),
            "lambda", new Service(LambdaInvoke.ENDPOINT_VARIABLE, LambdaInvoke::endpoint),
            "events", new Service(EventBridgePutEvents.ENDPOINT_VARIABLE, EventBridgePutEvents::endpoint));

    @ParameterizedTest
    @CsvSource({
        "dynamodb, us-east-1, , , https://dynamodb.us-east-1.amazonaws.com",
        "dynamodb, cn-north-1, , , https://dynamodb.cn-north-1.amazonaws.com.cn",
        "dynamodb, us-east-1, , http://127.0.0.1:5000, http://127.0.0.1:5000",
        "dynamodb, us-east-1, http://127.0.0.1:5001, http://127.0.0.1:5000, http://127.0.0.1:5001",
        "sqs, eu-west-2, , , https://sqs.eu-west-2.amazonaws.com",
        "sqs, us-gov-west-1, , , https://sqs.us-gov-west-1.amazonaws.com",
        "sqs, us-east-1, http://127.0.0.1:5001, http://127.0.0.1:5000, http://127.0.0.1:5001",
        "secretsmanager, us-east-1, , , https://secretsmanager.us-east-1.amazonaws.com",
        "secretsmanager, cn-north-1, , , https://secretsmanager.cn-north-1.amazonaws.com.cn",
        "secretsmanager, us-east-1, , http://127.0.0.1:5000, http://127.0.0.1:5000",
        "secretsmanager, us-east-1, http://127.0.0.1:5001, http://127.0.0.1:5000, http://127.0.0.1:5001",
        "lambda, us-east-1, , , https://lambda.us-east-1.amazonaws.com",
        "lambda, cn-north-1, , , https://lambda.cn-north-1.amazonaws.com.cn",
        "lambda, us-east-1, , http://127.0.0.1:5000, http://127.0.0.1:5000",
        "lambda, us-east-1, http://127.0.0.1:5001, http://127.0.0.1:5000, http://127.0.0.1:5001",
        "events, eu-west-2, , , https://events.eu-west-2.amazonaws.com",
        "events, us-east-1, http://127.0.0.1:5001, , http://127.0.0.1:5001",
    })
    void theEndpointIsTheOneTheSdkUses(String service, String region, String ownVariable, String sharedVariable,
            String expected) {
        Service sender = SERVICES.get(service);
        Map<String, String> environment = new HashMap<>();
        if (ownVariable != null) {
            environment.put(sender.variable(), ownVariable);
        }
        if (sharedVariable != null) {
            environment.put(SignedRequests.ENDPOINTS_VARIABLE, sharedVariable);
        }

        assertThat(sender.endpoint().apply(environment, Region.of(region))).isEqualTo(URI.create(expected));
    }
}
