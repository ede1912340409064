package health.registration.adapters.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
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
 * It names no service client, so a function's package carries only the service clients the function itself names
 * ({@link DynamoDbClients}, {@link SecretsManagerClients}, {@link LambdaClients}, {@link LambdaInvoke}, {@link EventBridgeClients},
 * {@link SqsClients}).
 */
final class ClientSettings {

    /** The variable Lambda sets to the function's region; locally {@code scripts/lib/moto.sh} sets it. */
    static final String REGION_VARIABLE = "AWS_REGION";

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

    /** The region, set explicitly so that the SDK skips its region lookup chain at start. */
    static Region region() {
        String region = System.getenv(REGION_VARIABLE);
        if (region == null || region.isBlank()) {
            throw new IllegalStateException(
                    REGION_VARIABLE + " is not set: Lambda sets it; locally, scripts/lib/moto.sh does");
        }
        return Region.of(region);
    }
}
