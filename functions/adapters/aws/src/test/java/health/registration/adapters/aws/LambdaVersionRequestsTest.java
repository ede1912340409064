package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The version calls against a loopback Lambda API that pages its lists and routes an alias by weight. */
class LambdaVersionRequestsTest {

    private static final String FUNCTION = "registration-register";
    private static final String BASE = "/2015-03-31/functions/" + FUNCTION;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private HttpServer server;
    private LambdaVersionRequests lambda;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        lambda = new LambdaVersionRequests(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void versionsAreReadAcrossPages() {
        assertThat(lambda.versions(FUNCTION)).containsExactly("$LATEST", "1", "2", "3");
        assertThat(requests).containsExactly("GET " + BASE + "/versions", "GET " + BASE + "/versions?Marker=page 2");
    }

    @Test
    void aliasedVersionsIncludeWeightedRouting() {
        assertThat(lambda.aliasedVersions(FUNCTION)).containsExactlyInAnyOrder("3", "2");
    }

    @Test
    void aVersionIsDeletedByQualifier() {
        lambda.delete(FUNCTION, "1");
        assertThat(requests).containsExactly("DELETE " + BASE + "?Qualifier=1");
    }

    @Test
    void aFunctionLambdaDoesNotKnowFails() {
        assertThatThrownBy(() -> lambda.versions("unknown")).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 404 (ResourceNotFoundException)");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getQuery(); // decoded
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            assertThat(exchange.getRequestHeaders().getFirst("Authorization")).contains("/us-east-1/lambda/aws4_request");
            int status = 200;
            String body;
            if (!path.startsWith(BASE)) {
                status = 404;
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
                body = "{\"message\":\"Function not found\"}";
            } else if (path.endsWith("/versions")) {
                body = query == null
                        ? "{\"Versions\":[{\"Version\":\"$LATEST\"},{\"Version\":\"1\"}],\"NextMarker\":\"page 2\"}"
                        : "{\"Versions\":[{\"Version\":\"2\"},{\"Version\":\"3\"}]}";
            } else if (path.endsWith("/aliases")) {
                body = "{\"Aliases\":[{\"Name\":\"live\",\"FunctionVersion\":\"3\","
                        + "\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"2\":0.1}}}]}";
            } else {
                status = 204;
                body = "";
            }
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
