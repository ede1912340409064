package health.registration.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client metadata as the client sent it (RFC 7591 §2): an immutable JSON object read through typed accessors.
 * Nothing is coerced: an accessor sees a value only when it has the JSON type the member requires, and
 * {@code MembersHaveExpectedTypes} reports the rest. Only members of the {@link MetadataMember} table (and the
 * language-tagged variants of its taggable members) are kept: every other member is dropped as the metadata is read,
 * so no later step stores, echoes or probes it (RFC 7591 §2: the server MUST ignore metadata it does not understand).
 */
public final class ClientMetadata {

    /** RFC 7591 §2: grant_types defaults to authorization_code. */
    public static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code");
    /** RFC 7591 §2: response_types defaults to code. */
    public static final List<String> DEFAULT_RESPONSE_TYPES = List.of("code");

    /** A string entry of an array member with its index. */
    public record Entry(int index, String value, String pointer) {}

    private final ObjectNode json;
    private final List<UrlMember> urls;

    private ClientMetadata(ObjectNode json) {
        this.json = json;
        this.urls = collectUrls();
    }

    /**
     * Reads a request's or a record's members: a copy of the object without the members this service does not
     * understand, so later changes to the object do not reach this value.
     */
    public static ClientMetadata of(ObjectNode json) {
        ObjectNode understood = json.objectNode();
        json.properties().forEach(member -> {
            if (MetadataMember.forName(member.getKey()).isPresent()) {
                understood.set(member.getKey(), member.getValue().deepCopy());
            }
        });
        return new ClientMetadata(understood);
    }

    /**
     * The client metadata alone, as it is registered, stored and echoed: without the members a request may carry that
     * are not metadata (the UDAP request's, and those only the server sets).
     */
    public ClientMetadata registrable() {
        return without(names().stream().filter(n -> !MetadataMember.forName(n).orElseThrow().registrable()).toList());
    }

    /** RFC 7591 §2: token_endpoint_auth_method defaults to client_secret_basic. */
    public static final String DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD = "client_secret_basic";

    /** The metadata as registered: the defaults of RFC 7591 §2 written out where the client left them out. */
    public ClientMetadata withDefaults() {
        ObjectNode registered = json.deepCopy();
        if (!registered.has(MetadataMember.GRANT_TYPES.jsonName())) {
            DEFAULT_GRANT_TYPES.forEach(registered.putArray(MetadataMember.GRANT_TYPES.jsonName())::add);
        }
        // The response types follow the grants (RFC 7591 §2.1): none for a client without the authorization code flow.
        boolean authorizationCode = new ClientMetadata(registered)
                .valuesOrDefault(MetadataMember.GRANT_TYPES, DEFAULT_GRANT_TYPES).contains("authorization_code");
        if (!registered.has(MetadataMember.RESPONSE_TYPES.jsonName())) {
            ArrayNode responses = registered.putArray(MetadataMember.RESPONSE_TYPES.jsonName());
            if (authorizationCode) {
                DEFAULT_RESPONSE_TYPES.forEach(responses::add);
            }
        }
        if (!registered.has(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName())) {
            registered.put(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD.jsonName(), DEFAULT_TOKEN_ENDPOINT_AUTH_METHOD);
        }
        return new ClientMetadata(registered);
    }

    /** The same metadata without the named members. */
    public ClientMetadata without(java.util.Collection<String> names) {
        ObjectNode kept = json.deepCopy();
        kept.remove(names);
        return new ClientMetadata(kept);
    }

    /** The same metadata with a string member set, in its place when present, else last. */
    public ClientMetadata withText(MetadataMember member, String value) {
        ObjectNode changed = json.deepCopy();
        changed.put(member.jsonName(), value);
        return new ClientMetadata(changed);
    }

    /** A copy of the metadata as JSON. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** The member names in the order they were sent. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The raw value of a member, whatever its type; JSON null is a value here. */
    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(json.get(name));
    }

    /** The member's value when it is a JSON string. */
    public Optional<String> text(String name) {
        JsonNode node = json.get(name);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    public Optional<String> text(MetadataMember member) {
        return text(member.jsonName());
    }

    /** The string entries of an array member, each with its index; non-strings are skipped. */
    public List<Entry> entries(MetadataMember member) {
        JsonNode node = json.get(member.jsonName());
        List<Entry> entries = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    entries.add(new Entry(i, node.get(i).textValue(), FieldPointer.of(member.jsonName(), i)));
                }
            }
        }
        return entries;
    }

    /** The string values of an array member, or the default when the member is absent or not an array of strings. */
    public List<String> valuesOrDefault(MetadataMember member, List<String> defaultValues) {
        JsonNode node = json.get(member.jsonName());
        if (node == null || !node.isArray()) {
            return defaultValues;
        }
        return entries(member).stream().map(Entry::value).toList();
    }

    /**
     * The member's own name and its language-tagged variants ({@code logo_uri#fr}) present in the metadata. The
     * metadata holds tagged variants of taggable members only ({@link #of} keeps what {@link MetadataMember#forName}
     * knows).
     */
    public List<String> variantNames(MetadataMember member) {
        return names().stream()
                .filter(n -> n.equals(member.jsonName()) || n.startsWith(member.jsonName() + "#"))
                .toList();
    }

    /** Every non-empty URL string the metadata carries, redirect URIs first, in the order of {@link UrlField}. */
    public List<UrlMember> urls() {
        return urls;
    }

    private List<UrlMember> collectUrls() {
        List<UrlMember> found = new ArrayList<>();
        for (UrlField field : UrlField.values()) {
            if (field.member().kind() == MetadataMember.JsonKind.STRING_ARRAY) {
                entries(field.member()).stream()
                        .filter(e -> !e.value().isEmpty())
                        .forEach(e -> found.add(UrlMember.of(field, e.pointer(), e.value())));
            } else {
                for (String name : variantNames(field.member())) {
                    text(name).filter(t -> !t.isEmpty())
                            .ifPresent(t -> found.add(UrlMember.of(field, FieldPointer.of(name), t)));
                }
            }
        }
        return List.copyOf(found);
    }
}
