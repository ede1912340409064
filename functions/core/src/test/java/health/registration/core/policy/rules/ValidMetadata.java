package health.registration.core.policy.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import java.net.URI;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one valid open-path registration every rule table starts from (policy section 2). Each row changes one
 * member, written as JSON text, so that whatever a rule reports comes from that change alone.
 */
public final class ValidMetadata {

    public static final String MANUAL_REGISTRATION_URL = "https://manual.example.org/register";
    public static final PolicyContext CONTEXT = new PolicyContext(URI.create(MANUAL_REGISTRATION_URL));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidMetadata() {}

    /** A fresh copy of the valid metadata as JSON. */
    public static ObjectNode json() {
        ObjectNode json = MAPPER.createObjectNode();
        json.putArray("redirect_uris").add("https://app.example.com/callback");
        json.put("client_uri", "https://app.example.com");
        json.put("logo_uri", "https://app.example.com/logo.png");
        json.putArray("contacts").add("dev@example.com");
        json.put("tos_uri", "https://app.example.com/terms");
        json.put("policy_uri", "https://app.example.com/privacy");
        json.put("client_name", "Example App");
        return json;
    }

    public static ClientMetadata metadata() {
        return ClientMetadata.of(json());
    }

    /** The fixture with one member set to a JSON value ({@code "text"}, {@code ["a", "b"]}, {@code 5}); null removes it. */
    public static ClientMetadata with(String member, String jsonValue) {
        return ClientMetadata.of(set(json(), member, jsonValue));
    }

    /** The fixture with a single redirect URI, taken as is (no JSON escaping needed). */
    public static ClientMetadata withRedirectUri(String url) {
        ObjectNode json = json();
        json.putArray("redirect_uris").add(url);
        return ClientMetadata.of(json);
    }

    /** Sets or removes one member of a JSON object, for tests that change more than the fixture. */
    public static ObjectNode set(ObjectNode json, String member, String jsonValue) {
        if (jsonValue == null) {
            json.remove(member);
        } else {
            json.set(member, parse(jsonValue));
        }
        return json;
    }

    /** A whole metadata object written as JSON text, such as {@code {}}. */
    public static ClientMetadata parseObject(String jsonObject) {
        return ClientMetadata.of((ObjectNode) parse(jsonObject));
    }

    /** A JSON array of {@code count} distinct strings made by {@code pattern} (with %d for the index). */
    public static String arrayOf(int count, String pattern) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"" + pattern.formatted(i) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static JsonNode parse(String jsonText) {
        try {
            return MAPPER.readTree(jsonText);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("a test row holds invalid JSON: " + jsonText, notJson);
        }
    }
}
