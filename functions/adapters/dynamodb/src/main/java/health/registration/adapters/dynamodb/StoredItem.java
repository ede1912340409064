package health.registration.adapters.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a DynamoDB item's attributes by type, and builds attribute values. A missing or mistyped attribute is an
 * {@link IllegalArgumentException} naming the attribute, never its value.
 */
final class StoredItem {

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
}
