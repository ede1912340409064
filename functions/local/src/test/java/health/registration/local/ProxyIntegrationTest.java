package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy integration over real HTTP on loopback, with the test template's handlers. */
class ProxyIntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();

    private static LocalApi api;

    @BeforeAll
    static void start() throws Exception {
        api = LocalApi.start(SamTemplateTest.testTemplate(), 0,
                new PrintStream(OUT, true, StandardCharsets.UTF_8), new PrintStream(ERR, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUri() + pathAndQuery));
    }

    /** The event the echo handler received, which it sends back as its body. */
    private static JsonNode echoedEvent(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private static String header(JsonNode headers, String name) {
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().asText();
            }
        }
        return null;
    }

    @Test
    void handlerThatThrowsAnswers502AndPrintsTheExceptionToStderr() throws Exception {
        HttpResponse<String> response = send(to("/fail").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(ERR.toString(StandardCharsets.UTF_8)).contains("ThrowingFunction").contains(ThrowingHandler.MESSAGE);
    }

    @Test
    void handlerOutputThatIsNoProxyResponseAnswers502() throws Exception {
        HttpResponse<String> response = send(to("/malformed").GET());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(ERR.toString(StandardCharsets.UTF_8)).contains("MalformedResponseFunction");
    }

    @Test
    void unroutedPathAnswers403MissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = send(to("/items").GET());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void greedyRouteFillsProxyParameterForAnyMethod() throws Exception {
        JsonNode event = echoedEvent(send(to("/files/reports/2026/a%20b.txt").DELETE()));
        assertThat(event.path("resource").asText()).isEqualTo("/files/{proxy+}");
        assertThat(event.path("path").asText()).isEqualTo("/files/reports/2026/a%20b.txt");
        assertThat(event.path("httpMethod").asText()).isEqualTo("DELETE");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("reports/2026/a%20b.txt");
    }

    @Test
    void variableRouteFillsItsParameterAndQueryArrives() throws Exception {
        JsonNode event = echoedEvent(send(to("/items/42?tag=a&tag=b%2Bc").GET()));
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("b+c");
        assertThat(event.path("multiValueQueryStringParameters").path("tag")).map(JsonNode::asText).containsExactly("a", "b+c");
        assertThat(event.get("body").isNull()).isTrue();
    }

    @Test
    void requestHeadersArriveWithThoseApiGatewayAdds() throws Exception {
        JsonNode event = echoedEvent(send(to("/echo").header("X-Trace", "one").header("X-Trace", "two")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))));
        assertThat(header(event.path("headers"), "X-Trace")).isEqualTo("two");
        assertThat(header(event.path("headers"), "Content-Type")).isEqualTo("application/json");
        assertThat(header(event.path("headers"), "X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(header(event.path("headers"), "X-Forwarded-Port")).isEqualTo(Integer.toString(api.port()));
        // Every media type is binary in the template, so the body arrives base64-encoded, as from API Gateway.
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1}");
        assertThat(event.path("requestContext").path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void responseCarriesEveryHeaderValueTheHandlerGave() throws Exception {
        HttpResponse<String> response = send(to("/echo").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.headers().firstValue("X-Function-Name")).contains("EchoFunction");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void handlerLogLinesGoToStdoutNamingFunctionAndRequest() throws Exception {
        HttpResponse<String> response = send(to("/items/log-me").GET());
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(OUT.toString(StandardCharsets.UTF_8)).contains("[EchoFunction " + requestId + "] echo /items/log-me");
    }

    @Test
    void bodyOverTenMebibytesAnswers413WithoutCallingTheHandler() throws Exception {
        byte[] body = new byte[RequestBody.MAX_BYTES + 1];
        HttpResponse<String> response = send(to("/items/too-long").method("GET", HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Too Long\"}");
        assertThat(OUT.toString(StandardCharsets.UTF_8)).doesNotContain("echo /items/too-long");
    }

    @Test
    void runsConcurrentRequestsToOneFunctionSideBySide() throws Exception {
        GatedHandler.reset();
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                responses.add(CLIENT.sendAsync(to("/gated").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // Both begin before either may finish: the second did not queue behind the first.
            assertThat(GatedHandler.BEGUN.tryAcquire(2, 10, TimeUnit.SECONDS)).as("both requests reached a handler").isTrue();
            GatedHandler.open();
            List<String> bodies = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
                bodies.add(response.get().body());
            }
            assertThat(bodies).containsExactlyInAnyOrder("instance 1", "instance 2");
        } finally {
            GatedHandler.open();
        }
    }
}
