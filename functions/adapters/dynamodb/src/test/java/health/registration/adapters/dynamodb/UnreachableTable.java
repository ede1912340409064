package health.registration.adapters.dynamodb;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.testkit.DeadEndpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/** DynamoDB calls to a loopback port where nothing listens, so every call fails (after its retries, well under a second). */
final class UnreachableTable {

    static final String NAME = "clients";

    private UnreachableTable() {}

    static DynamoDbRequests requests(SdkHttpClient http) {
        return new DynamoDbRequests(http, DeadEndpoint.uri(), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }
}
