package health.registration.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API Gateway REST API proxy event (payload format 1.0) for a request, with the members and null conventions of
 * the deployed API: maps that would be empty are null, and an empty body is null.
 */
public final class ProxyEvent {

    /** The stage name the local API reports in {@code requestContext.stage}. */
    public static final String STAGE = "local";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProxyEvent() {}

    public static ObjectNode of(IncomingRequest request, RouteTable.Match match, String requestId, Instant received) {
        return of(request, match, requestId, received, null);
    }

    /**
     * As {@link #of(IncomingRequest, RouteTable.Match, String, Instant)}, for a request authorised as API Gateway's
     * AWS_IAM authorises one: {@code caller} becomes {@code requestContext.identity.userArn} (null for none).
     */
    public static ObjectNode of(IncomingRequest request, RouteTable.Match match, String requestId, Instant received,
                                String caller) {
        ObjectNode event = MAPPER.createObjectNode();
        event.put("resource", match.route().path().toString());
        event.put("path", request.rawPath());
        event.put("httpMethod", request.method());
        putValues(event, "headers", "multiValueHeaders", request.headers());
        putValues(event, "queryStringParameters", "multiValueQueryStringParameters", query(request.rawQuery()));
        putStrings(event, "pathParameters", match.pathParameters());
        event.putNull("stageVariables");
        ObjectNode context = requestContext(request, match, requestId, received);
        if (caller != null) {
            ((ObjectNode) context.get("identity")).put("userArn", caller);
        }
        event.set("requestContext", context);
        putBody(event, request.body());
        return event;
    }

    private static ObjectNode requestContext(IncomingRequest request, RouteTable.Match match, String requestId,
                                             Instant received) {
        ObjectNode context = MAPPER.createObjectNode();
        context.put("resourcePath", match.route().path().toString());
        context.put("httpMethod", request.method());
        context.put("path", request.rawPath());
        context.put("stage", STAGE);
        context.put("requestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(received));
        context.put("requestTimeEpoch", received.toEpochMilli());
        context.put("protocol", request.protocol());
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", request.sourceIp());
        identity.put("userAgent", last(request.headers(), "User-Agent"));
        return context;
    }

    /** Name/value pairs of a query string, decoded as API Gateway decodes them ({@code +} is a space). */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            values.computeIfAbsent(decoded(nameValue[0]), name -> new ArrayList<>())
                    .add(nameValue.length > 1 ? decoded(nameValue[1]) : "");
        }
        return values;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return text;
        }
    }

    /** The last value per name in {@code single}, all values in {@code multi}; both null when there are none. */
    private static void putValues(ObjectNode event, String single, String multi, Map<String, List<String>> values) {
        if (values.isEmpty()) {
            event.putNull(single);
            event.putNull(multi);
            return;
        }
        ObjectNode last = event.putObject(single);
        ObjectNode all = event.putObject(multi);
        values.forEach((name, list) -> {
            ArrayNode array = all.putArray(name);
            list.forEach(array::add);
            last.put(name, list.isEmpty() ? "" : list.get(list.size() - 1));
        });
    }

    private static void putStrings(ObjectNode event, String member, Map<String, String> values) {
        if (values.isEmpty()) {
            event.putNull(member);
        } else {
            values.forEach(event.putObject(member)::put);
        }
    }

    /**
     * Every body in base64, flagged, as API Gateway sends it under the template's {@code BinaryMediaTypes} of
     * {@code *}{@code /*}: every content type is binary there.
     */
    private static void putBody(ObjectNode event, byte[] body) {
        if (body.length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
            return;
        }
        event.put("body", Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", true);
    }

    private static String last(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(header.getValue().size() - 1);
            }
        }
        return null;
    }
}
