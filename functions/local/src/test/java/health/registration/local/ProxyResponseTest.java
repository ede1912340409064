package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyResponseTest {

    private static ProxyResponse parse(String json) throws MalformedProxyResponse {
        return ProxyResponse.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsStatusHeadersAndTextBody() throws Exception {
        ProxyResponse response = parse("""
                {"statusCode": 201, "headers": {"Content-Type": "application/json"}, "body": "{\\"ok\\":true}",
                 "isBase64Encoded": false}""");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Content-Type", List.of("application/json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void decodesBase64Body() throws Exception {
        ProxyResponse response = parse("{\"statusCode\": 200, \"body\": \"AAEC/w==\", \"isBase64Encoded\": true}");
        assertThat(response.body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void mergesMultiValueHeadersFirstThenSingleValuesNotAlreadyListed() throws Exception {
        ProxyResponse response = parse("""
                {"statusCode": 200,
                 "headers": {"Set-Cookie": "b=2", "Vary": "Origin"},
                 "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}}""");
        assertThat(response.headers().get("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.headers().get("Vary")).containsExactly("Origin");
    }

    @Test
    void missingBodyIsEmpty() throws Exception {
        assertThat(parse("{\"statusCode\": 204}").body()).isEmpty();
    }

    @Test
    void acceptsStatusWrittenAsString() throws Exception {
        assertThat(parse("{\"statusCode\": \"404\"}").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"body\": \"no status\"}",
            "{\"statusCode\": 99}",
            "{\"statusCode\": \"two hundred\"}",
            "{\"statusCode\": 200, \"body\": {\"an\": \"object\"}}",
            "{\"statusCode\": 200, \"headers\": [\"a\"]}",
            "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": \"not a list\"}}",
            "{\"statusCode\": 200, \"body\": \"%%%\", \"isBase64Encoded\": true}",
            "{\"statusCode\": 200, \"cookies\": []}",
    })
    void refusesWhatApiGatewayRefuses(String output) {
        assertThatExceptionOfType(MalformedProxyResponse.class).isThrownBy(() -> parse(output));
    }
}
