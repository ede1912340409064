package health.registration.local;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Answers that API Gateway itself gives, without a handler's say, with the status and body of a REST API that has no
 * gateway-response customisation; {@link GatewayResponses} applies a template's customisation to them.
 */
public enum GatewayResponse {

    /** No route has this path and method: what a REST API answers, confusingly, for an unknown route. */
    MISSING_AUTHENTICATION_TOKEN("MISSING_AUTHENTICATION_TOKEN", 403, "{\"message\":\"Missing Authentication Token\"}"),
    /** The body is larger than API Gateway's 10 MiB payload limit. */
    REQUEST_TOO_LONG("REQUEST_TOO_LARGE", 413, "{\"message\":\"Request Too Long\"}"),
    /** The handler failed or wrote something that is not a proxy response; customised only through DEFAULT_5XX. */
    INTERNAL_SERVER_ERROR(null, 502, "{\"message\": \"Internal server error\"}");

    private final String type;
    private final int status;
    private final String body;

    GatewayResponse(String type, int status, String body) {
        this.type = type;
        this.status = status;
        this.body = body;
    }

    /** The gateway response type a template customises this answer by, or null when only a default type does. */
    public String type() {
        return type;
    }

    /** The default type that customises this answer when its own type is not customised. */
    public String defaultType() {
        return status < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
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
