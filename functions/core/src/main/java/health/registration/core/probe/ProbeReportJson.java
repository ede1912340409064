package health.registration.core.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.UrlField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The wire form of a {@link ProbeReport}: the body of {@code POST /probe} and the payload the probe function returns
 * to the functions that invoke it. {@link #read} inverts {@link #write}.
 */
public final class ProbeReportJson {

    public static final String PASSED = "passed";
    public static final String RESULTS = "results";
    public static final String FIELD = "field";
    public static final String MEMBER = "member";
    public static final String URL = "url";
    public static final String OUTCOME = "outcome";
    public static final String STATUS = "status";
    public static final String LOCATION = "location";
    public static final String ADDRESSES = "addresses";
    public static final String ELAPSED_MS = "elapsed_ms";
    public static final String VERDICT = "verdict";
    public static final String DESCRIPTION = "description";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProbeReportJson() {}

    public static ObjectNode write(ProbeReport report) {
        ObjectNode root = JSON.objectNode();
        root.put(PASSED, report.passed());
        ArrayNode results = root.putArray(RESULTS);
        for (ProbeResult r : report.results()) {
            ObjectNode item = results.addObject();
            item.put(FIELD, r.pointer());
            item.put(MEMBER, r.field().member().jsonName());
            item.put(URL, r.url());
            item.put(OUTCOME, r.outcome().code());
            item.put(STATUS, r.httpStatus());
            item.put(LOCATION, r.location());
            ArrayNode addresses = item.putArray(ADDRESSES);
            r.addresses().forEach(addresses::add);
            item.put(ELAPSED_MS, r.elapsedMillis());
            item.put(VERDICT, r.verdict().code());
            item.put(DESCRIPTION, r.description());
        }
        return root;
    }

    /** Reads a report written by {@link #write}; throws {@link IllegalArgumentException} for anything else. */
    public static ProbeReport read(JsonNode root) {
        if (root == null || !root.path(RESULTS).isArray()) {
            throw new IllegalArgumentException("a probe report needs a results array");
        }
        List<ProbeResult> results = new ArrayList<>();
        for (JsonNode item : root.get(RESULTS)) {
            String pointer = item.path(FIELD).asText();
            UrlField field = fieldOf(FieldPointer.memberOf(pointer));
            List<String> addresses = new ArrayList<>();
            item.path(ADDRESSES).forEach(a -> addresses.add(a.asText()));
            results.add(new ProbeResult(field, pointer, item.path(URL).asText(), code(ProbeOutcome.values(), item.path(OUTCOME).asText()),
                    item.path(STATUS).isInt() ? item.get(STATUS).intValue() : null,
                    item.path(LOCATION).isTextual() ? item.get(LOCATION).textValue() : null,
                    addresses, item.path(ELAPSED_MS).asLong(), code(ProbeVerdict.values(), item.path(VERDICT).asText()),
                    item.path(DESCRIPTION).asText()));
        }
        return new ProbeReport(results);
    }

    private static UrlField fieldOf(String memberName) {
        MetadataMember member = MetadataMember.forName(memberName)
                .orElseThrow(() -> new IllegalArgumentException("not a URL member"));
        return Arrays.stream(UrlField.values()).filter(f -> f.member() == member).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a URL member"));
    }

    private static <E extends Enum<E>> E code(E[] values, String code) {
        return Arrays.stream(values).filter(v -> codeOf(v).equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown code"));
    }

    private static String codeOf(Enum<?> value) {
        return value instanceof ProbeOutcome o ? o.code() : ((ProbeVerdict) value).code();
    }
}
