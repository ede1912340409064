package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that keeps every request in memory and answers each with {@link #status} and {@link #answer}, no
 * socket: for comparing what a signed sender ({@link SignedRequests}) sends with what the SDK's own client sends.
 */
final class RecordingHttpClient implements SdkHttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as sent, its body as text. */
    record Sent(SdkHttpRequest request, String body) {

        /** The signature's credential scope (key id/date/region/service/aws4_request). */
        String scope() {
            String authorization = request.firstMatchingHeader("Authorization").orElseThrow();
            return authorization.replaceFirst(".*Credential=([^,]+),.*", "$1");
        }
    }

    final List<Sent> sent = new ArrayList<>();
    int status = 200;
    String answer = "{}";

    /**
     * Fails unless every second request of {@link #sent} is sent as the one before it (the SDK client's) was: the same
     * method, path, {@code X-Amz-Target} and content type, the same JSON body, signed for the same scope, which
     * matches {@code scope}.
     */
    void assertPairsSentAlike(String scope) {
        assertThat(sent.size() % 2).as("requests in pairs").isZero();
        for (int i = 0; i < sent.size(); i += 2) {
            Sent expected = sent.get(i);
            Sent actual = sent.get(i + 1);
            String target = expected.request().firstMatchingHeader("X-Amz-Target").orElse(expected.request().encodedPath());
            assertThat(actual.request().firstMatchingHeader("X-Amz-Target")).as(target)
                    .isEqualTo(expected.request().firstMatchingHeader("X-Amz-Target"));
            assertThat(actual.request().firstMatchingHeader("Content-Type")).as(target)
                    .isEqualTo(expected.request().firstMatchingHeader("Content-Type"));
            assertThat(actual.request().method()).as(target).isEqualTo(expected.request().method());
            assertThat(actual.request().encodedPath()).as(target).isEqualTo(expected.request().encodedPath());
            try {
                assertThat(JSON.readTree(actual.body())).as(target).isEqualTo(JSON.readTree(expected.body()));
            } catch (IOException notJson) {
                throw new UncheckedIOException(notJson);
            }
            assertThat(actual.scope()).as(target).isEqualTo(expected.scope()).matches(scope);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = request.contentStreamProvider().map(provider -> {
                    try (InputStream in = provider.newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                sent.add(new Sent(request.httpRequest(), new String(body, UTF_8)));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.getBytes(UTF_8))))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    @Override
    public void close() {}
}
