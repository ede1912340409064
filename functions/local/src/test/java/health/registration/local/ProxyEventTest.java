package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyEventTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-01T12:34:56.789Z");
    private static final FunctionDefinition FUNCTION = FunctionDefinition.of("F", "a.B::handleRequest", 3, 128);

    private static RouteTable.Match match(String template, Map<String, String> parameters) {
        return new RouteTable.Match(new Route("any", PathTemplate.parse(template), FUNCTION), parameters);
    }

    private static IncomingRequest request(String rawQuery, Map<String, List<String>> headers, byte[] body) {
        return new IncomingRequest("POST", "/validate", rawQuery, headers, body, "127.0.0.1", "HTTP/1.1");
    }

    private static JsonNode event(IncomingRequest request) {
        return ProxyEvent.of(request, match("/validate", Map.of()), "req-1", RECEIVED);
    }

    @Test
    void carriesRouteTemplatePathAndMethod() {
        JsonNode event = ProxyEvent.of(
                new IncomingRequest("GET", "/register/abc", null, Map.of(), new byte[0], "127.0.0.1", "HTTP/1.1"),
                match("/register/{client_id}", Map.of("client_id", "abc")), "req-1", RECEIVED);
        assertThat(event.path("resource").asText()).isEqualTo("/register/{client_id}");
        assertThat(event.path("path").asText()).isEqualTo("/register/abc");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("pathParameters").path("client_id").asText()).isEqualTo("abc");
    }

    @Test
    void givesLastHeaderValueSingleAndAllValuesMulti() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-type", List.of("application/json"));
        headers.put("Accept", List.of("text/html", "application/json"));
        JsonNode event = event(request(null, headers, new byte[0]));
        assertThat(event.path("headers").path("Accept").asText()).isEqualTo("application/json");
        assertThat(event.path("headers").path("Content-type").asText()).isEqualTo("application/json");
        assertThat(event.path("multiValueHeaders").path("Accept")).map(JsonNode::asText)
                .containsExactly("text/html", "application/json");
    }

    @Test
    void decodesQueryParametersKeepingEveryValue() {
        JsonNode event = event(request("a=1&b=x%20y&a=2&flag&c=d+e", Map.of(), new byte[0]));
        assertThat(event.path("queryStringParameters").path("a").asText()).isEqualTo("2");
        assertThat(event.path("queryStringParameters").path("b").asText()).isEqualTo("x y");
        assertThat(event.path("queryStringParameters").path("c").asText()).isEqualTo("d e");
        assertThat(event.path("queryStringParameters").path("flag").asText()).isEmpty();
        assertThat(event.path("multiValueQueryStringParameters").path("a")).map(JsonNode::asText).containsExactly("1", "2");
    }

    @Test
    void usesNullForAbsentMapsAndBodyAsApiGatewayDoes() {
        JsonNode event = event(request(null, Map.of(), new byte[0]));
        for (String member : List.of("headers", "multiValueHeaders", "queryStringParameters",
                "multiValueQueryStringParameters", "pathParameters", "stageVariables", "body")) {
            assertThat(event.has(member)).as(member).isTrue();
            assertThat(event.get(member).isNull()).as(member).isTrue();
        }
        assertThat(event.path("isBase64Encoded").asBoolean(true)).isFalse();
    }

    @Test
    void emptyQueryStringGivesNullParameters() {
        assertThat(event(request("", Map.of(), new byte[0])).get("queryStringParameters").isNull()).isTrue();
    }

    @Test
    void passesAUtf8BodyInBase64AsEveryTypeIsABinaryMediaType() {
        JsonNode event = event(request(null, Map.of(), "{\"client_name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(Base64.getDecoder().decode(event.path("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"client_name\":\"Zoë\"}");
        assertThat(event.path("isBase64Encoded").asBoolean(false)).isTrue();
    }

    @Test
    void passesNonUtf8BodyAsBase64() {
        byte[] latin1 = "Zoë".getBytes(StandardCharsets.ISO_8859_1);
        JsonNode event = event(request(null, Map.of(), latin1));
        assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.path("body").asText())).isEqualTo(latin1);
    }

    @Test
    void describesTheRequestInItsContext() {
        JsonNode context = event(request(null, Map.of("User-agent", List.of("curl/8")), new byte[0])).path("requestContext");
        assertThat(context.path("resourcePath").asText()).isEqualTo("/validate");
        assertThat(context.path("httpMethod").asText()).isEqualTo("POST");
        assertThat(context.path("path").asText()).isEqualTo("/validate");
        assertThat(context.path("stage").asText()).isEqualTo(ProxyEvent.STAGE);
        assertThat(context.path("requestId").asText()).isEqualTo("req-1");
        assertThat(context.path("requestTimeEpoch").asLong()).isEqualTo(RECEIVED.toEpochMilli());
        assertThat(context.path("requestTime").asText()).isEqualTo("01/Mar/2026:12:34:56 +0000");
        assertThat(context.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.path("identity").path("userAgent").asText()).isEqualTo("curl/8");
    }
}
