package health.registration.adapters.aws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How a sender of one service's signed calls is made ({@code DynamoDbRequests::new}): for the container ({@link
 * ClientSettings#sender}) and for priming ({@link OfflineEndpoint#sender}), each from its HTTP client, the service's
 * endpoint, the region and the credentials.
 */
@FunctionalInterface
public interface Sender<T> {

    T of(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials);
}
