package health.registration.core.issue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of lifecycle events and of what a client's URL checks keep as JSON: the EventBridge detail of a
 * {@link LifecycleEvent} ({@link #detail}, inverted by {@link #read}), check problems, status history, and events not
 * yet published ({@code {"detail_type": ..., "detail": {...}}} each). Members are snake_case, instants ISO-8601,
 * statuses {@link ClientStatus#code()}, kinds {@link FailureKind#code()}; an absent value is written as null. Readers
 * ignore members they do not know and refuse anything else with an {@link IllegalArgumentException} that names the
 * member but never quotes the input, since contacts are personal data. None of these types holds a secret.
 */
public final class LifecycleEventJson {

    public static final String EVENT_ID = "event_id";
    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_NAME = "client_name";
    public static final String CONTACTS = "contacts";
    public static final String AT = "at";
    public static final String PREVIOUS_STATUS = "previous_status";
    public static final String STATUS = "status";
    public static final String CONSECUTIVE_FAILURES = "consecutive_failures";
    public static final String FIRST_FAILED_AT = "first_failed_at";
    public static final String SUSPENDS_AT = "suspends_at";
    public static final String PROBLEMS = "problems";
    public static final String MEMBER = "member";
    public static final String URL = "url";
    public static final String CODE = "code";
    public static final String KIND = "kind";
    public static final String DESCRIPTION = "description";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String REASON = "reason";
    public static final String DETAIL_TYPE = "detail_type";
    public static final String DETAIL = "detail";
    public static final String REGISTRATION_PATH = "registration_path";
    public static final String CLIENT_STATUS = "client_status";
    public static final String VERSION = "version";
    public static final String CHANGED_AT = "changed_at";
    public static final String METADATA = "metadata";
    public static final String CLIENT_SECRET_EXPIRES_AT = "client_secret_expires_at";
    public static final String CERTIFICATE_BINDING = "certificate_binding";
    public static final String SAN_URI = "san_uri";
    public static final String TRUST_COMMUNITY = "trust_community";
    public static final String THUMBPRINT = "thumbprint";
    public static final String CERTIFICATE = "certificate";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LifecycleEventJson() {}

    /** The event's EventBridge detail. */
    public static ObjectNode detail(LifecycleEvent event) {
        ObjectNode detail = JSON.objectNode();
        detail.put(EVENT_ID, event.id());
        detail.put(CLIENT_ID, event.clientId().value());
        detail.put(CLIENT_NAME, event.clientName());
        ArrayNode contacts = detail.putArray(CONTACTS);
        event.contacts().forEach(contacts::add);
        detail.put(AT, event.at().toString());
        detail.put(PREVIOUS_STATUS, event.previousStatus().code());
        detail.put(STATUS, event.status().code());
        detail.put(CONSECUTIVE_FAILURES, event.consecutiveFailures());
        detail.put(FIRST_FAILED_AT, text(event.firstFailedAt()));
        detail.put(SUSPENDS_AT, text(event.suspendsAt()));
        detail.set(PROBLEMS, writeProblems(event.problems()));
        if (event.change() != null) {
            writeChange(detail, event.change());
        }
        return detail;
    }

    /**
     * The client after the change: its path, status, version and time, the metadata an authorization server needs
     * (with {@code client_secret_expires_at} for a client with a secret) and a UDAP client's certificate binding.
     */
    private static void writeChange(ObjectNode detail, ClientChange change) {
        detail.put(REGISTRATION_PATH, change.path().code());
        detail.put(CLIENT_STATUS, change.status().code());
        detail.put(VERSION, change.version());
        detail.put(CHANGED_AT, change.changedAt().toString());
        ObjectNode metadata = change.metadata().toJson();
        if (change.secretExpiresAt() != null) {
            metadata.put(CLIENT_SECRET_EXPIRES_AT, change.secretExpiresAt().longValue());
        }
        detail.set(METADATA, metadata);
        CertificateBinding binding = change.certificate();
        if (binding == null) {
            detail.putNull(CERTIFICATE_BINDING);
        } else {
            detail.putObject(CERTIFICATE_BINDING).put(SAN_URI, binding.issuer()).put(TRUST_COMMUNITY, binding.community())
                    .put(THUMBPRINT, binding.thumbprint()).put(CERTIFICATE, binding.certificate());
        }
    }

    /** The change a detail carries, or null for a detail written before change events existed. */
    private static ClientChange readChange(JsonNode json) {
        JsonNode version = json.get(VERSION);
        if (version == null) {
            return null;
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 1) {
            throw new IllegalArgumentException(VERSION + " must be a positive number");
        }
        RegistrationPath path = Arrays.stream(RegistrationPath.values())
                .filter(p -> p.code().equals(text(json, REGISTRATION_PATH))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(REGISTRATION_PATH + " is not a registration path"));
        ObjectNode metadata = (ObjectNode) object(json.get(METADATA), METADATA).deepCopy();
        JsonNode expiresAt = metadata.remove(CLIENT_SECRET_EXPIRES_AT);
        if (expiresAt != null && !expiresAt.isIntegralNumber()) {
            throw new IllegalArgumentException(CLIENT_SECRET_EXPIRES_AT + " must be a number");
        }
        JsonNode binding = json.get(CERTIFICATE_BINDING);
        CertificateBinding certificate = binding == null || binding.isNull() ? null
                : new CertificateBinding(text(object(binding, CERTIFICATE_BINDING), SAN_URI),
                        text(binding, TRUST_COMMUNITY), text(binding, CERTIFICATE), text(binding, THUMBPRINT));
        return new ClientChange(version.longValue(), path, status(json, CLIENT_STATUS), instant(json, CHANGED_AT),
                ClientMetadata.of(metadata), expiresAt == null ? null : expiresAt.longValue(), certificate);
    }

    /** The event a detail of the detail type describes. */
    public static LifecycleEvent read(JsonNode detail, String detailType) {
        JsonNode json = object(detail, DETAIL);
        LifecycleEvent.Type type = LifecycleEvent.Type.ofDetailType(detailType);
        ClientId clientId = ClientId.parse(text(json, CLIENT_ID))
                .orElseThrow(() -> new IllegalArgumentException(CLIENT_ID + " is not a client id"));
        List<String> contacts = new ArrayList<>();
        array(json, CONTACTS).forEach(contact -> contacts.add(textOf(contact, CONTACTS)));
        JsonNode failures = json.get(CONSECUTIVE_FAILURES);
        if (failures == null || !failures.isIntegralNumber() || !failures.canConvertToInt() || failures.intValue() < 0) {
            throw new IllegalArgumentException(CONSECUTIVE_FAILURES + " must be a count");
        }
        return new LifecycleEvent(text(json, EVENT_ID), type, clientId, optionalText(json, CLIENT_NAME), contacts,
                instant(json, AT), status(json, PREVIOUS_STATUS), status(json, STATUS), failures.intValue(),
                optionalInstant(json, FIRST_FAILED_AT), optionalInstant(json, SUSPENDS_AT),
                readProblems(array(json, PROBLEMS)), readChange(json));
    }

    public static ArrayNode writeProblems(List<CheckProblem> problems) {
        ArrayNode array = JSON.arrayNode();
        for (CheckProblem problem : problems) {
            array.addObject().put(MEMBER, problem.member()).put(URL, problem.url()).put(CODE, problem.code())
                    .put(KIND, problem.kind().code()).put(DESCRIPTION, problem.description());
        }
        return array;
    }

    public static List<CheckProblem> readProblems(JsonNode problems) {
        return each(problems, PROBLEMS, problem -> new CheckProblem(text(problem, MEMBER), optionalText(problem, URL),
                text(problem, CODE), kind(problem), text(problem, DESCRIPTION)));
    }

    public static ArrayNode writeHistory(List<StatusChange> history) {
        ArrayNode array = JSON.arrayNode();
        for (StatusChange change : history) {
            array.addObject().put(AT, change.at().toString()).put(FROM, change.from().code())
                    .put(TO, change.to().code()).put(REASON, change.reason());
        }
        return array;
    }

    public static List<StatusChange> readHistory(JsonNode history) {
        return each(history, "history", change -> new StatusChange(instant(change, AT), status(change, FROM),
                status(change, TO), text(change, REASON)));
    }

    /** Events as {@code [{"detail_type": ..., "detail": {...}}, ...]}, so that each reads back with its type. */
    public static ArrayNode writeEvents(List<LifecycleEvent> events) {
        ArrayNode array = JSON.arrayNode();
        for (LifecycleEvent event : events) {
            array.addObject().put(DETAIL_TYPE, event.type().detailType()).set(DETAIL, detail(event));
        }
        return array;
    }

    public static List<LifecycleEvent> readEvents(JsonNode events) {
        return each(events, "events", event -> read(event.get(DETAIL), text(event, DETAIL_TYPE)));
    }

    private static <T> List<T> each(JsonNode array, String what, Function<JsonNode, T> reader) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException(what + " must be an array");
        }
        List<T> read = new ArrayList<>();
        for (JsonNode element : array) {
            read.add(reader.apply(object(element, what + " entry")));
        }
        return read;
    }

    private static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be an object");
        }
        return node;
    }

    private static JsonNode array(JsonNode object, String member) {
        JsonNode value = object.get(member);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(member + " must be an array");
        }
        return value;
    }

    private static String text(JsonNode object, String member) {
        return textOf(object.get(member), member);
    }

    private static String textOf(JsonNode value, String member) {
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(member + " must be a string");
        }
        return value.textValue();
    }

    /** The string, or null when the member is absent or null. */
    private static String optionalText(JsonNode object, String member) {
        JsonNode value = object.get(member);
        return value == null || value.isNull() ? null : textOf(value, member);
    }

    private static Instant instant(JsonNode object, String member) {
        Instant instant = optionalInstant(object, member);
        if (instant == null) {
            throw new IllegalArgumentException(member + " must be an instant");
        }
        return instant;
    }

    private static Instant optionalInstant(JsonNode object, String member) {
        String text = optionalText(object, member);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            // The parse exception quotes the text, so it is not kept.
            throw new IllegalArgumentException(member + " must be an ISO-8601 instant");
        }
    }

    private static ClientStatus status(JsonNode object, String member) {
        String code = text(object, member);
        return Arrays.stream(ClientStatus.values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(member + " is not a client status"));
    }

    private static FailureKind kind(JsonNode problem) {
        String code = text(problem, KIND);
        // Not FailureKind.ofCode: Enum.valueOf's message quotes the input.
        return Arrays.stream(FailureKind.values()).filter(k -> k.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(KIND + " is not a failure kind"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
