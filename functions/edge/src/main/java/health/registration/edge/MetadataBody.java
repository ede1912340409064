package health.registration.edge;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.JsonLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as client metadata, strictly (policy section 8, {@link JsonLimits}): at most 64 KiB of
 * UTF-8 JSON declared as {@code application/json}, one object, nested at most 16 deep, no duplicate member names,
 * no unpaired surrogates, nothing after the object. Types are not checked here but by the policy, so that one
 * answer lists every problem.
 */
public final class MetadataBody {

    public static final int MAX_BODY_BYTES = JsonLimits.MAX_DOCUMENT_BYTES;
    public static final int MAX_DEPTH = JsonLimits.MAX_DEPTH;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonLimits.factory()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** What reading the body gave. */
    public sealed interface Reading {}

    /**
     * The body is a JSON object; its members are yet to be checked by the policy. Only the members the service
     * understands are kept (RFC 7591 §2; see {@link ClientMetadata#of}).
     */
    public record Accepted(ClientMetadata metadata) implements Reading {}

    /** The body is a JSON object, every member kept: for bodies that are not client metadata ({@link #readObject}). */
    public record AcceptedObject(ObjectNode json) implements Reading {}

    /** The body was refused before it could be read as metadata. */
    public record Refused(RequestRejection rejection) implements Reading {}

    private MetadataBody() {}

    /** Reads client metadata: {@link Accepted} or {@link Refused}. */
    public static Reading read(ApiRequest request) {
        Reading object = readObject(request);
        return object instanceof AcceptedObject accepted ? new Accepted(ClientMetadata.of(accepted.json())) : object;
    }

    /**
     * Reads a body that is not client metadata (a certificate request, a revocation) with the same strictness and
     * limits: {@link AcceptedObject} or {@link Refused}.
     */
    public static Reading readObject(ApiRequest request) {
        byte[] body = request.bodyBytes();
        if (body.length > MAX_BODY_BYTES) {
            return new Refused(new RequestRejection.BodyTooLarge(MAX_BODY_BYTES));
        }
        if (!isJsonContentType(request.header("Content-Type").orElse(""))) {
            return new Refused(new RequestRejection.UnsupportedMediaType());
        }
        if (body.length == 0) {
            return unreadable(FieldPointer.DOCUMENT, "The request body is empty; send the client metadata as a JSON object.");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return unreadable(FieldPointer.DOCUMENT, "The request body is not valid UTF-8.");
        } catch (IOException e) {
            return new Refused(describe(e));
        }
        if (root == null || !root.isObject()) {
            return unreadable(FieldPointer.DOCUMENT, "The request body must be a JSON object of client metadata.");
        }
        if (hasUnpairedSurrogate(root)) {
            return unreadable(FieldPointer.DOCUMENT, "The request body contains an unpaired UTF-16 surrogate escape, which is not Unicode text.");
        }
        return new AcceptedObject((ObjectNode) root);
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; any other charset or type is refused. */
    static boolean isJsonContentType(String header) {
        String[] parts = header.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].strip().split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
                    || !parameter[1].strip().replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private static RequestRejection describe(IOException e) {
        if (e instanceof StreamConstraintsException limit) {
            String message = String.valueOf(limit.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("nesting depth")
                    ? new RequestRejection.UnreadableBody(FieldPointer.DOCUMENT, "The JSON is nested more than " + MAX_DEPTH + " levels deep.")
                    : new RequestRejection.UnreadableBody(FieldPointer.DOCUMENT, "The JSON has a number, string or name longer than this service accepts.");
        }
        if (e instanceof JsonParseException parse && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")) {
            String pointer = pointerOf(parse);
            return new RequestRejection.UnreadableBody(pointer, "The JSON object " + (pointer.isEmpty() ? "at the top level" : "at " + pointer)
                    + " names a member twice; each member may appear once.");
        }
        String where = e instanceof JsonProcessingException processing && processing.getLocation() != null
                ? " (line " + processing.getLocation().getLineNr() + ", column " + processing.getLocation().getColumnNr() + ")"
                : "";
        return new RequestRejection.UnreadableBody(FieldPointer.DOCUMENT, "The request body is not well-formed JSON" + where + ".");
    }

    /** The pointer to the object holding the duplicate member name. */
    private static String pointerOf(JsonParseException e) {
        JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            return parser.getParsingContext().getParent() == null ? FieldPointer.DOCUMENT
                    : parser.getParsingContext().getParent().pathAsPointer().toString();
        }
        return FieldPointer.DOCUMENT;
    }

    private static Refused unreadable(String field, String description) {
        return new Refused(new RequestRejection.UnreadableBody(field, description));
    }

    private static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return isUnpaired(node.textValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (isUnpaired(member.getKey()) || hasUnpairedSurrogate(member.getValue())) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasUnpairedSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUnpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
