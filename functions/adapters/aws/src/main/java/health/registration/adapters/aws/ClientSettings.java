package health.registration.adapters.aws;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every container client shares, in one place: the url-connection HTTP client (the quickest to start),
 * the region from {@code AWS_REGION}, and the default credentials chain, which finds the access keys in the
 * environment without SnapStart and the container credentials with it. No endpoint is set here: the SDK reads
 * {@code AWS_ENDPOINT_URL} by itself, which locally and in tests points at the moto server and in Lambda is not set.
 * Like the SDK, the system properties {@code aws.region} and {@code aws.endpointUrl} come before the variables when
 * set: the tests set them for an emulator started inside the test JVM (LocalStack, docs/testing.md); Lambda sets none.
 * It names no service client, so a function's package carries only the service clients the function itself names
 * ({@link DynamoDbClients}, {@link SecretsManagerRequests}, {@link LambdaClients}, {@link LambdaInvoke}, {@link EventBridgeClients},
 * {@link SqsClients}).
 */
final class ClientSettings {

    /** The variable Lambda sets to the function's region; locally {@code scripts/lib/moto.sh} sets it. */
    static final String REGION_VARIABLE = "AWS_REGION";
    /** The SDK's system properties for the region and the endpoint of every service, read before the variables. */
    static final String REGION_PROPERTY = "aws.region";
    static final String ENDPOINT_PROPERTY = "aws.endpointUrl";

    private ClientSettings() {}

    /** {@code builder}'s client with the shared settings and the HTTP client's default timeouts. */
    static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, UrlConnectionHttpClient.create());
    }

    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(
            B builder, SdkHttpClient http) {
        return builder.httpClient(http)
                .region(region())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    /**
     * A sender of one service's signed calls as this container makes them: a url-connection HTTP client with its
     * default timeouts, the service's endpoint ({@code endpoint}, from the environment as the SDK reads it), the
     * region and the default credentials chain.
     */
    static <T> T sender(BiFunction<Map<String, String>, Region, URI> endpoint, Sender<T> make) {
        return sender(UrlConnectionHttpClient.create(), endpoint, make);
    }

    /** {@link #sender(BiFunction, Sender)} with an HTTP client of its own (LambdaInvoke's longer read timeout). */
    static <T> T sender(SdkHttpClient http, BiFunction<Map<String, String>, Region, URI> endpoint, Sender<T> make) {
        Region region = region();
        return make.of(http, endpoint.apply(environment(), region), region, credentials());
    }

    /**
     * The SDK's default credentials chain, its providers in its order (system properties, environment variables, web
     * identity, profile, container, instance profile), built at once rather than on the first request as {@code
     * DefaultCredentialsProvider} builds it: a SnapStart snapshot then holds the chain's classes, and the first
     * request after a restore does not load them (benchmarks/README.md, "Cold start"). No credential is resolved
     * here; each provider reads its source on a request, after any restore.
     */
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(), WebIdentityTokenFileCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(), ContainerCredentialsProvider.builder().build(),
                        InstanceProfileCredentialsProvider.create())
                .build();
    }

    /** The region, set explicitly so that the SDK skips its region lookup chain at start. */
    static Region region() {
        String region = System.getProperty(REGION_PROPERTY);
        if (region == null || region.isBlank()) {
            region = System.getenv(REGION_VARIABLE);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalStateException(
                    REGION_VARIABLE + " is not set: Lambda sets it; locally, scripts/lib/moto.sh does");
        }
        return Region.of(region);
    }

    /** The process's variables as the SDK reads them: {@link #environment(Map, Properties)} of this JVM's. */
    static Map<String, String> environment() {
        return environment(System.getenv(), System.getProperties());
    }

    /**
     * {@code variables} with {@code aws.region} and {@code aws.endpointUrl} from {@code properties}, when set, in place
     * of {@code AWS_REGION} and {@code AWS_ENDPOINT_URL}: the SDK reads the system property before the variable, so
     * the calls this module signs itself ({@link SignedRequests}) go where the SDK's clients go.
     */
    static Map<String, String> environment(Map<String, String> variables, Properties properties) {
        Map<String, String> environment = new HashMap<>(variables);
        overlay(environment, REGION_VARIABLE, properties.getProperty(REGION_PROPERTY));
        overlay(environment, SignedRequests.ENDPOINTS_VARIABLE, properties.getProperty(ENDPOINT_PROPERTY));
        return environment;
    }

    private static void overlay(Map<String, String> environment, String variable, String property) {
        if (property != null && !property.isBlank()) {
            environment.put(variable, property);
        }
    }
}
