package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Lambda proxy response read as API Gateway reads it: {@code statusCode}, {@code headers},
 * {@code multiValueHeaders}, {@code body} and {@code isBase64Encoded}, and no other member.
 *
 * @param statusCode the HTTP status
 * @param headers    every header value by name; {@code multiValueHeaders} first, then {@code headers} values
 *                   not already listed, as API Gateway merges them
 * @param body       the body's bytes, base64-decoded when the response says so
 */
public record ProxyResponse(int statusCode, Map<String, List<String>> headers, byte[] body) {

    static final String STATUS_CODE = "statusCode";
    static final String HEADERS = "headers";
    static final String MULTI_VALUE_HEADERS = "multiValueHeaders";
    static final String BODY = "body";
    static final String IS_BASE64_ENCODED = "isBase64Encoded";

    private static final Set<String> MEMBERS = Set.of(STATUS_CODE, HEADERS, MULTI_VALUE_HEADERS, BODY, IS_BASE64_ENCODED);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static ProxyResponse parse(byte[] output) throws MalformedProxyResponse {
        JsonNode root;
        try {
            root = MAPPER.readTree(output);
        } catch (IOException e) {
            throw new MalformedProxyResponse("the handler's output is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedProxyResponse("the handler's output is not a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new MalformedProxyResponse("the handler's output has the member " + name + ", which API Gateway refuses");
            }
        }
        return new ProxyResponse(status(root.path(STATUS_CODE)), headers(root), body(root));
    }

    private static int status(JsonNode node) throws MalformedProxyResponse {
        int status = node.isIntegralNumber() ? node.asInt() : node.isTextual() ? parsed(node.asText()) : -1;
        if (status < 100 || status > 599) {
            throw new MalformedProxyResponse("the handler's statusCode is missing or not an HTTP status: " + node);
        }
        return status;
    }

    private static int parsed(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static Map<String, List<String>> headers(JsonNode root) throws MalformedProxyResponse {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, JsonNode> header : members(root, MULTI_VALUE_HEADERS)) {
            if (!header.getValue().isArray()) {
                throw new MalformedProxyResponse("multiValueHeaders." + header.getKey() + " is not an array");
            }
            for (JsonNode value : header.getValue()) {
                headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(text(value, header.getKey()));
            }
        }
        for (Map.Entry<String, JsonNode> header : members(root, HEADERS)) {
            List<String> values = headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>());
            String value = text(header.getValue(), header.getKey());
            if (!values.contains(value)) {
                values.add(value);
            }
        }
        return new LinkedHashMap<>(headers);
    }

    private static Set<Map.Entry<String, JsonNode>> members(JsonNode root, String member) throws MalformedProxyResponse {
        JsonNode node = root.path(member);
        if (node.isMissingNode() || node.isNull()) {
            return Set.of();
        }
        if (!node.isObject()) {
            throw new MalformedProxyResponse("the handler's " + member + " is not an object");
        }
        return node.properties();
    }

    private static String text(JsonNode value, String name) throws MalformedProxyResponse {
        if (!value.isValueNode() || value.isNull()) {
            throw new MalformedProxyResponse("the value of header " + name + " is not a string");
        }
        return value.asText();
    }

    private static byte[] body(JsonNode root) throws MalformedProxyResponse {
        JsonNode body = root.path(BODY);
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw new MalformedProxyResponse("the handler's body is not a string");
        }
        if (!root.path(IS_BASE64_ENCODED).asBoolean(false)) {
            return body.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedProxyResponse("the handler's body is flagged base64 but is not", e);
        }
    }
}
