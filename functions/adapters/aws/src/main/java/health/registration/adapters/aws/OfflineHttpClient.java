package health.registration.adapters.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that never opens a connection: it reads the marshalled, signed request and answers it from
 * {@link OfflineAnswers}, so that priming runs every step of an SDK call except the network.
 */
final class OfflineHttpClient implements SdkHttpClient {

    private final OfflineAnswers answers;
    private final AtomicInteger requests = new AtomicInteger();

    OfflineHttpClient(OfflineAnswers answers) {
        this.answers = answers;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                requests.incrementAndGet();
                SdkHttpRequest http = request.httpRequest();
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                }
                String target = http.firstMatchingHeader("X-Amz-Target").orElse("");
                byte[] answer = answers.answer(target, http.encodedPath(), body).getBytes(StandardCharsets.UTF_8);
                SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200).statusText("OK")
                        .putHeader("Content-Type", target.isEmpty() ? "application/json" : "application/x-amz-json-1.0")
                        .putHeader("Content-Length", String.valueOf(answer.length))
                        .putHeader("x-amzn-RequestId", "offline-" + requests.get())
                        .build();
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer))).build();
            }

            @Override
            public void abort() {
                // Nothing is in flight: the answer is ready before call() returns.
            }
        };
    }

    @Override
    public String clientName() {
        return "offline";
    }

    @Override
    public void close() {
        // No connections, no threads.
    }
}
