package health.registration.adapters.dynamodb;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.testkit.AwsEmulator;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * An HTTP client that lets one request at a time through to the emulator, for the race tests. moto 5.2.1 serves
 * requests on threads without isolating them: a conditional PutItem checks, then writes, and a cancelled
 * TransactWriteItems is undone by restoring a copy of the table taken when it began. Racing requests were seen here
 * to both pass one condition, to erase a winner's committed items, and to fail with HTTP 500 ("dictionary changed
 * size during iteration"). DynamoDB makes each conditional write and each transaction atomic and isolated. With
 * requests admitted one at a time, the racing threads still reach the table in whatever order they happen to, and
 * the emulator handles each request as DynamoDB would, so a race tests the adapter's conditions, not moto's threads.
 * The lock is held until the response's status line arrives, which moto sends once it has handled the request.
 */
final class OneRequestAtATime implements SdkHttpClient {

    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final ReentrantLock lock = new ReentrantLock();

    /** DynamoDB calls to the emulator, configured as {@code AwsClients.dynamoDb()} but for their HTTP client, {@code http}. */
    static DynamoDbRequests dynamoDb(OneRequestAtATime http) {
        URI emulator = AwsEmulator.endpoint(); // fails, naming what to do, before the region is read
        return new DynamoDbRequests(http, emulator, AwsEmulator.region(), DefaultCredentialsProvider.builder().build());
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                lock.lock();
                try {
                    return prepared.call();
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
