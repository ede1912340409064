package health.registration.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The wire form of probe targets and {@link UrlProbe}s, between the re-verification function and the probe function
 * ({@code {"targets": [...]}} in, {@code {"probes": [...]}} out). {@link #readProbes} inverts {@link #writeProbes}.
 */
public final class UrlProbeJson {

    public static final String TARGETS = "targets";
    public static final String PROBES = "probes";
    static final String URL = "url";
    static final String PURPOSE = "purpose";
    static final String FAILURE = "failure";
    static final String STATUS = "status";
    static final String LOCATION = "location";
    static final String IMAGE = "image";
    static final String ADDRESSES = "addresses";
    static final String ELAPSED_MS = "elapsed_ms";
    static final String DETAIL = "detail";
    static final String RETRY_AFTER = "retry_after";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private UrlProbeJson() {}

    public static ObjectNode writeTargets(List<ProbeTarget> targets) {
        ObjectNode root = JSON.objectNode();
        ArrayNode items = root.putArray(TARGETS);
        targets.forEach(t -> items.addObject().put(URL, t.url()).put(PURPOSE, code(t.purpose())));
        return root;
    }

    /** The targets of a request; {@link IllegalArgumentException} when it holds anything else. */
    public static List<ProbeTarget> readTargets(JsonNode root) {
        JsonNode items = root == null ? null : root.get(TARGETS);
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("a probe request needs a targets array");
        }
        List<ProbeTarget> targets = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.path(URL).isTextual()) {
                throw new IllegalArgumentException("every target needs a url");
            }
            targets.add(new ProbeTarget(item.get(URL).textValue(), purpose(item.path(PURPOSE).asText())));
        }
        return targets;
    }

    public static ObjectNode writeProbes(List<UrlProbe> probes) {
        ObjectNode root = JSON.objectNode();
        ArrayNode items = root.putArray(PROBES);
        for (UrlProbe p : probes) {
            ObjectNode item = items.addObject();
            item.put(URL, p.url()).put(PURPOSE, code(p.target().purpose()));
            item.put(FAILURE, p.failure() == null ? null : p.failure().code());
            item.put(STATUS, p.httpStatus());
            item.put(LOCATION, p.location());
            item.put(IMAGE, p.imageOutcome() == null ? null : p.imageOutcome().code());
            ArrayNode addresses = item.putArray(ADDRESSES);
            p.addresses().forEach(addresses::add);
            item.put(ELAPSED_MS, p.elapsedMillis());
            item.put(DETAIL, p.detail());
            if (p.retryAfter() != null) {
                item.put(RETRY_AFTER, p.retryAfter());
            }
        }
        return root;
    }

    /** The probes of an answer written by {@link #writeProbes}; {@link IllegalArgumentException} for anything else. */
    public static List<UrlProbe> readProbes(JsonNode root) {
        JsonNode items = root == null ? null : root.get(PROBES);
        if (items == null || !items.isArray()) {
            throw new IllegalArgumentException("a probe answer needs a probes array");
        }
        List<UrlProbe> probes = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.path(URL).isTextual()) {
                throw new IllegalArgumentException("every probe needs a url");
            }
            List<String> addresses = new ArrayList<>();
            item.path(ADDRESSES).forEach(a -> addresses.add(a.asText()));
            probes.add(new UrlProbe(new ProbeTarget(item.get(URL).textValue(), purpose(item.path(PURPOSE).asText())),
                    outcome(item.get(FAILURE)), item.path(STATUS).isInt() ? item.get(STATUS).intValue() : null,
                    text(item.get(LOCATION)), outcome(item.get(IMAGE)), addresses, item.path(ELAPSED_MS).asLong(),
                    text(item.get(DETAIL)), RetryAfter.bounded(text(item.get(RETRY_AFTER)))));
        }
        return probes;
    }

    private static String code(FetchPurpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT);
    }

    private static FetchPurpose purpose(String code) {
        return switch (code) {
            case "page" -> FetchPurpose.PAGE;
            case "image" -> FetchPurpose.IMAGE;
            default -> throw new IllegalArgumentException("a target's purpose is page or image");
        };
    }

    private static ProbeOutcome outcome(JsonNode code) {
        if (code == null || code.isNull()) {
            return null;
        }
        return Arrays.stream(ProbeOutcome.values()).filter(o -> o.code().equals(code.asText())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown probe outcome"));
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.textValue();
    }
}
