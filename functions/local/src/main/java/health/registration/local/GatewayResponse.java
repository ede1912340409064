package health.registration.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Answers that API Gateway itself gives, without a handler's say, with the bodies of a REST API that has no
 * gateway-response customisation.
 */
public enum GatewayResponse {

    /** No route has this path and method: what a REST API answers, confusingly, for an unknown route. */
    MISSING_AUTHENTICATION_TOKEN(403, "{\"message\":\"Missing Authentication Token\"}"),
    /** The body is larger than API Gateway's 10 MiB payload limit. */
    REQUEST_TOO_LONG(413, "{\"message\":\"Request Too Long\"}"),
    /** The handler failed or wrote something that is not a proxy response. */
    INTERNAL_SERVER_ERROR(502, "{\"message\": \"Internal server error\"}");

    private final int status;
    private final String body;

    GatewayResponse(int status, String body) {
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** This answer as if a handler had given it, with {@code Content-Type: application/json}. */
    public ProxyResponse asProxyResponse() {
        return new ProxyResponse(status, Map.of("Content-Type", List.of("application/json")), body());
    }
}
