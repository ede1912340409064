package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The SDK's model objects in the AWS JSON protocols' form (AWS JSON 1.0 and 1.1: every member in the body, under its
 * location name; blobs in base64, timestamps in epoch seconds), read from and written to Jackson trees through the
 * members each model class declares ({@link SdkPojo#sdkFields()}), as the SDK's own JSON marshaller does. A request
 * built with the SDK's builders can so be sent by {@link SignedRequests} without the service's client, which names
 * every operation's model (docs/performance-packages.md). Members the SDK has not set (its auto-constructed empty
 * lists and maps) are left out, as the SDK leaves them out.
 */
final class ModelJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelJson() {}

    /** {@code model}'s members that are set, as a JSON object. */
    static ObjectNode write(SdkPojo model) {
        ObjectNode object = NODES.objectNode();
        for (SdkField<?> field : model.sdkFields()) {
            Object value = field.getValueOrDefault(model);
            if (value != null && !(value instanceof SdkAutoConstructList<?>) && !(value instanceof SdkAutoConstructMap<?, ?>)) {
                object.set(field.locationName(), write(field, value));
            }
        }
        return object;
    }

    private static JsonNode write(SdkField<?> field, Object value) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> NODES.textNode(value.toString());
            case INTEGER, LONG, SHORT, BYTE -> NODES.numberNode(((Number) value).longValue());
            case FLOAT, DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
            case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INSTANT -> NODES.numberNode(BigDecimal.valueOf(((Instant) value).toEpochMilli(), 3));
            case SDK_BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
            case SDK_POJO -> write((SdkPojo) value);
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                ArrayNode array = NODES.arrayNode();
                for (Object element : (List<?>) value) {
                    array.add(element == null ? NODES.nullNode() : write(member, element));
                }
                yield array;
            }
            case MAP -> {
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((key, element) ->
                        object.set(key.toString(), element == null ? NODES.nullNode() : write(member, element)));
                yield object;
            }
            case NULL, DOCUMENT -> throw new IllegalArgumentException(
                    "member " + field.memberName() + " is of a type the JSON services used here do not have");
        };
    }

    /**
     * The model {@code builder} builds with the members of {@code object} it declares (others are ignored, as the
     * SDK ignores them); {@link SdkClientException} when a member is not of its declared type.
     */
    @SuppressWarnings("unchecked")
    static <T> T read(JsonNode object, SdkPojo builder) {
        if (!object.isObject()) {
            throw SdkClientException.create("an answer's member is not a JSON object where one is declared");
        }
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = object.get(field.unmarshallLocationName());
            if (value != null && !value.isNull()) {
                field.set(builder, read(field, value));
            }
        }
        return (T) ((Buildable) builder).build();
    }

    private static Object read(SdkField<?> field, JsonNode value) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> text(field, value);
            case INTEGER -> number(field, value).intValue();
            case LONG -> number(field, value).longValue();
            case SHORT -> number(field, value).shortValue();
            case BYTE -> (byte) number(field, value).intValue();
            case FLOAT -> number(field, value).floatValue();
            case DOUBLE -> number(field, value).doubleValue();
            case BIG_DECIMAL -> number(field, value).decimalValue();
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw mistyped(field);
                }
                yield value.booleanValue();
            }
            case INSTANT -> {
                BigDecimal seconds = number(field, value).decimalValue();
                yield Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            case SDK_BYTES -> {
                try {
                    yield SdkBytes.fromByteArray(Base64.getDecoder().decode(text(field, value)));
                } catch (IllegalArgumentException notBase64) {
                    throw mistyped(field);
                }
            }
            case SDK_POJO -> read(value, field.constructor().get());
            case LIST -> {
                if (!value.isArray()) {
                    throw mistyped(field);
                }
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>(value.size());
                value.forEach(element -> list.add(element.isNull() ? null : read(member, element)));
                yield list;
            }
            case MAP -> {
                if (!value.isObject()) {
                    throw mistyped(field);
                }
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                value.properties().forEach(entry ->
                        map.put(entry.getKey(), entry.getValue().isNull() ? null : read(member, entry.getValue())));
                yield map;
            }
            case NULL, DOCUMENT -> throw mistyped(field);
        };
    }

    private static String text(SdkField<?> field, JsonNode value) {
        if (!value.isTextual()) {
            throw mistyped(field);
        }
        return value.textValue();
    }

    private static JsonNode number(SdkField<?> field, JsonNode value) {
        if (!value.isNumber()) {
            throw mistyped(field);
        }
        return value;
    }

    private static SdkClientException mistyped(SdkField<?> field) {
        return SdkClientException.create("an answer's " + field.memberName() + " is not of its declared type");
    }
}
