package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayResponseTest {

    @Test
    void unknownRouteIsRestApisMissingAuthenticationToken() {
        ProxyResponse response = GatewayResponse.MISSING_AUTHENTICATION_TOKEN.asProxyResponse();
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(response.headers()).containsEntry("Content-Type", List.of("application/json"));
    }

    @Test
    void oversizedRequestIs413RequestTooLong() {
        assertThat(GatewayResponse.REQUEST_TOO_LONG.status()).isEqualTo(413);
        assertThat(new String(GatewayResponse.REQUEST_TOO_LONG.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Request Too Long\"}");
    }

    @Test
    void handlerFailureIs502InternalServerError() {
        assertThat(GatewayResponse.INTERNAL_SERVER_ERROR.status()).isEqualTo(502);
        assertThat(new String(GatewayResponse.INTERNAL_SERVER_ERROR.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\": \"Internal server error\"}");
    }
}
