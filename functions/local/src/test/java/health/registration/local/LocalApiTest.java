package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end: the real template and the real validate handler, over HTTP on loopback. */
class LocalApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalApi api;

    @BeforeAll
    static void start() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        api = LocalApi.start(SamTemplateTest.REAL_TEMPLATE, 0, quiet, quiet);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(api.baseUri() + path));
    }

    @Test
    void validatesAJsonObjectAndReportsItInvalid() throws Exception {
        HttpResponse<String> response = send(to("/validate").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode report = MAPPER.readTree(response.body());
        assertThat(report.path("valid").isBoolean()).isTrue();
        assertThat(report.path("valid").asBoolean(true)).isFalse();
        assertThat(report.path("errors").isEmpty()).isFalse();
    }

    @Test
    void refusesPlainTextBodyWith415() throws Exception {
        HttpResponse<String> response = send(to("/validate").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(MAPPER.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client_metadata");
    }

    @Test
    void answers405WithAllowForAMethodTheRouteDoesNotDeclare() throws Exception {
        HttpResponse<String> response = send(to("/validate").GET());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("POST");
        assertThat(MAPPER.readTree(response.body()).path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void answersTheTemplates404ForAnUnknownPath() throws Exception {
        HttpResponse<String> response = send(to("/nope").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("not_found");
        assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("not_found");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void reportsTheBoundLoopbackPortInItsBanner() {
        assertThat(api.port()).isPositive();
        assertThat(api.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + api.port()));
        assertThat(api.banner()).startsWith("Local API listening on http://127.0.0.1:" + api.port() + " (routes: POST /validate, ")
                .contains("POST /probe").endsWith(")");
    }

    @Test
    void refusesToStartOnAPortInUse() {
        assertThatIOException().isThrownBy(() -> LocalApi.start(SamTemplateTest.REAL_TEMPLATE, api.port()));
    }

    @Test
    void readsPortFromEnvironmentValueWithDefault() {
        assertThat(LocalApi.port(null)).isEqualTo(LocalApi.DEFAULT_PORT);
        assertThat(LocalApi.port("")).isEqualTo(3000);
        assertThat(LocalApi.port("0")).isZero();
        assertThat(LocalApi.port("3123")).isEqualTo(3123);
        assertThatIllegalArgumentException().isThrownBy(() -> LocalApi.port("70000")).withMessageContaining("PORT");
        assertThatIllegalArgumentException().isThrownBy(() -> LocalApi.port("http")).withMessageContaining("PORT");
    }
}
