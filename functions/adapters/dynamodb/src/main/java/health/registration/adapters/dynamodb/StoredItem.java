package health.registration.adapters.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a DynamoDB item's attributes by type, and builds attribute values. A missing or mistyped attribute is an
 * {@link IllegalArgumentException} naming the attribute, never its value.
 */
final class StoredItem {

    // Floats as BigDecimal, as the edge reads request bodies (MetadataBody), so stored metadata reads back unchanged.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, AttributeValue> item;

    StoredItem(Map<String, AttributeValue> item) {
        this.item = item;
    }

    static AttributeValue textValue(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue numberValue(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing or not a string");
        }
        return value;
    }

    /** The string, or null when the attribute is absent. */
    String optionalText(String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    long number(String name) {
        Long value = optionalNumber(name);
        if (value == null) {
            throw new IllegalArgumentException("attribute " + name + " is missing or not a number");
        }
        return value;
    }

    /** The number, or null when the attribute is absent. */
    Long optionalNumber(String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return null;
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute " + name + " is not a whole number", e);
        }
    }

    /** The string attribute's text read as JSON, or null when the attribute is absent. */
    JsonNode optionalJson(String name) {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the text, so only the attribute is named.
            throw new IllegalArgumentException("attribute " + name + " is not JSON text");
        }
    }

    /** The string attribute's text read as a JSON object. */
    ObjectNode jsonObject(String name) {
        if (optionalJson(name) instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("attribute " + name + " is missing or not a JSON object");
    }
}
