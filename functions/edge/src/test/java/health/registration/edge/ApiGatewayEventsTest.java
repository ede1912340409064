package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {

    private static ApiRequest read(String event) throws IOException {
        return ApiGatewayEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsARestProxyEvent() throws IOException {
        ApiRequest request = read("""
                {"resource":"/register/{client_id}","path":"/register/abc","httpMethod":"POST",
                 "headers":{"Content-Type":"application/json"},
                 "multiValueHeaders":{"Content-Type":["application/json"],"X-Forwarded-For":["1.2.3.4","5.6.7.8"]},
                 "pathParameters":{"client_id":"abc"},"queryStringParameters":null,
                 "requestContext":{"requestId":"req-1","identity":{"sourceIp":"203.0.113.10"}},"body":"{}",
                 "isBase64Encoded":false}
                """);

        assertThat(request.httpMethod()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/register/abc");
        assertThat(request.header("content-type")).contains("application/json");
        assertThat(request.header("x-forwarded-for")).contains("1.2.3.4");
        assertThat(request.pathParameters()).containsEntry("client_id", "abc");
        assertThat(request.requestId()).isEqualTo("req-1");
        assertThat(request.sourceIp()).as("requestContext.identity.sourceIp, not X-Forwarded-For").isEqualTo("203.0.113.10");
        assertThat(request.resource()).isEqualTo("/register/{client_id}");
        assertThat(new String(request.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void decodesBase64BodiesAndToleratesMissingParts() throws IOException {
        ApiRequest request = read("{\"httpMethod\":\"POST\",\"body\":\"e30=\",\"isBase64Encoded\":true,\"headers\":null}");

        assertThat(new String(request.bodyBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(request.headers()).isEmpty();
        assertThat(request.resource()).isNull();
        assertThat(read("{\"body\":null}").bodyBytes()).isEmpty();
    }

    @Test
    void refusesAnEventThatIsNotAnObject() {
        assertThatThrownBy(() -> read("[]")).isInstanceOf(IOException.class);
    }

    @Test
    void writesAProxyResponse() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ApiGatewayEvents.write(new ApiResponse(201, Map.of("Content-Type", "application/json"), "{\"a\":1}"), out);

        JsonNode written = new ObjectMapper().readTree(out.toByteArray());
        assertThat(written.path("statusCode").asInt()).isEqualTo(201);
        assertThat(written.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(written.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(written.path("isBase64Encoded").asBoolean(true)).isFalse();
    }

    @Test
    void writesABinaryResponseAsFlaggedBase64() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ApiGatewayEvents.write(ApiResponse.binary(200, "application/pkix-crl", new byte[] {0x30, (byte) 0x82, 0}), out);

        JsonNode written = new ObjectMapper().readTree(out.toByteArray());
        assertThat(written.path("headers").path("Content-Type").asText()).isEqualTo("application/pkix-crl");
        assertThat(written.path("isBase64Encoded").asBoolean(false)).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(written.path("body").asText()))
                .containsExactly(0x30, 0x82, 0);
    }
}
