package health.registration.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads API Gateway REST proxy events and writes proxy responses, by hand with Jackson: no reflection-based event
 * classes, so the deployed handler, the local API and the tests decode events with the same code.
 */
public final class ApiGatewayEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiGatewayEvents() {}

    public static ApiRequest read(InputStream event) throws IOException {
        return read(MAPPER.readTree(event));
    }

    /** True for an API Gateway REST proxy event, as opposed to a direct invocation's own payload. */
    public static boolean isProxyEvent(JsonNode event) {
        return event != null && event.isObject() && event.has("httpMethod") && event.has("requestContext");
    }

    public static ApiRequest read(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException("an API Gateway proxy event must be a JSON object");
        }
        Map<String, String> headers = strings(root.get("headers"));
        JsonNode multi = root.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            // Single-value headers win; multi-value ones fill in names the single map lacks (first value).
            multi.properties().forEach(e -> {
                if (e.getValue().isArray() && !e.getValue().isEmpty() && !headers.containsKey(e.getKey())) {
                    headers.put(e.getKey(), e.getValue().get(0).asText());
                }
            });
        }
        JsonNode context = root.path("requestContext");
        return new ApiRequest(
                root.path("httpMethod").asText(""),
                root.path("path").asText(""),
                headers,
                strings(root.get("pathParameters")),
                strings(root.get("queryStringParameters")),
                root.hasNonNull("body") ? root.get("body").asText() : null,
                root.path("isBase64Encoded").asBoolean(false),
                context.path("requestId").asText(""),
                context.path("identity").path("userArn").isTextual() ? context.path("identity").path("userArn").asText() : null,
                context.path("identity").path("sourceIp").isTextual() ? context.path("identity").path("sourceIp").asText() : null,
                root.path("resource").isTextual() ? root.path("resource").asText() : null);
    }

    public static void write(ApiResponse response, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("statusCode", response.statusCode());
        ObjectNode headers = root.putObject("headers");
        response.headers().forEach(headers::put);
        root.put("body", response.body());
        root.put("isBase64Encoded", response.base64Encoded());
        MAPPER.writeValue(out, root);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new HashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    values.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return values;
    }
}
