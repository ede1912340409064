package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayResponsesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static GatewayResponses customised(String yaml) throws Exception {
        return GatewayResponses.of(YAML.readTree(yaml));
    }

    private static String body(ProxyResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void answersStockWithoutCustomisation() {
        ProxyResponse response = GatewayResponses.stock().answer(GatewayResponse.MISSING_AUTHENTICATION_TOKEN);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(body(response)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void appliesATypesOwnStatusBodyAndQuotedHeaders() throws Exception {
        GatewayResponses gateway = customised("""
                MISSING_AUTHENTICATION_TOKEN:
                  StatusCode: "404"
                  ResponseParameters:
                    Headers:
                      Cache-Control: "'no-store'"
                  ResponseTemplates:
                    application/json: '{"error": "not_found"}'
                DEFAULT_4XX:
                  ResponseTemplates:
                    application/json: '{"error": "invalid_request"}'
                """);

        ProxyResponse response = gateway.answer(GatewayResponse.MISSING_AUTHENTICATION_TOKEN);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(body(response)).isEqualTo("{\"error\": \"not_found\"}");
        assertThat(response.headers()).containsEntry("Cache-Control", List.of("no-store"))
                .containsEntry("Content-Type", List.of("application/json"));
    }

    @Test
    void fallsBackToTheDefaultTypeOfTheStatusClassKeepingTheStockStatus() throws Exception {
        GatewayResponses gateway = customised("""
                DEFAULT_4XX:
                  ResponseTemplates:
                    application/json: '{"error": "invalid_request"}'
                DEFAULT_5XX:
                  ResponseTemplates:
                    application/json: '{"error": "server_error"}'
                """);

        assertThat(gateway.answer(GatewayResponse.REQUEST_TOO_LONG).statusCode()).isEqualTo(413);
        assertThat(body(gateway.answer(GatewayResponse.REQUEST_TOO_LONG))).isEqualTo("{\"error\": \"invalid_request\"}");
        assertThat(gateway.answer(GatewayResponse.INTERNAL_SERVER_ERROR).statusCode()).isEqualTo(502);
        assertThat(body(gateway.answer(GatewayResponse.INTERNAL_SERVER_ERROR))).isEqualTo("{\"error\": \"server_error\"}");
    }

    @Test
    void servesTheRealTemplatesAnswersAsOurErrorJson() throws Exception {
        GatewayResponses gateway = GatewayResponses.of(SamTemplate.read(SamTemplateTest.REAL_TEMPLATE).gatewayResponses());

        for (GatewayResponse type : GatewayResponse.values()) {
            ProxyResponse response = gateway.answer(type);
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertThat(body.path("error").asText()).as(type.name()).isNotEmpty();
            assertThat(body.path("error_description").asText()).as(type.name()).isNotEmpty();
            assertThat(body.path("errors").get(0).path("code").asText()).as(type.name()).isEqualTo(body.path("error").asText());
        }
        assertThat(gateway.answer(GatewayResponse.MISSING_AUTHENTICATION_TOKEN).statusCode()).isEqualTo(404);
        assertThat(gateway.answer(GatewayResponse.REQUEST_TOO_LONG).statusCode()).isEqualTo(413);
        assertThat(gateway.answer(GatewayResponse.INTERNAL_SERVER_ERROR).statusCode()).isEqualTo(502);
    }
}
