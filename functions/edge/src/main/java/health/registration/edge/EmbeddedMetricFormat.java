package health.registration.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes one CloudWatch Embedded Metric Format document as one line of JSON: the {@code _aws} member (Timestamp in
 * epoch milliseconds, one CloudWatchMetrics directive with Namespace, Dimensions and Metrics of Name and Unit), then
 * every dimension's value and every metric's value as top-level members (docs/operations/metrics.md, "Format").
 * Dimension values are bounded: anything but a short token of letters, digits, {@code _}, {@code .} and {@code -}
 * becomes {@link #OTHER}, so no URL, host or client id can become a dimension even by mistake.
 */
public final class EmbeddedMetricFormat {

    /** The units this service uses, as EMF spells them. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), NONE("None");

        private final String wire;

        Unit(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One metric value. */
    public record Measure(String name, Unit unit, double value) {
        public Measure {
            Objects.requireNonNull(name);
            Objects.requireNonNull(unit);
        }
    }

    /** What an unbounded or malformed dimension value is written as. */
    public static final String OTHER = "other";
    private static final Pattern BOUNDED_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String namespace;
    private final Clock clock;

    public EmbeddedMetricFormat(String namespace, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace);
        this.clock = Objects.requireNonNull(clock);
    }

    public String namespace() {
        return namespace;
    }

    /**
     * One document: {@code measures} aggregated by each of {@code dimensionSets}, whose names must all be keys of
     * {@code dimensions}.
     */
    public String line(List<List<String>> dimensionSets, Map<String, String> dimensions, List<Measure> measures) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        ArrayNode sets = directive.putArray("Dimensions");
        for (List<String> set : dimensionSets) {
            ArrayNode names = sets.addArray();
            for (String name : set) {
                if (!dimensions.containsKey(name)) {
                    throw new IllegalArgumentException("dimension " + name + " has no value");
                }
                names.add(name);
            }
        }
        ArrayNode metrics = directive.putArray("Metrics");
        for (Measure measure : measures) {
            metrics.addObject().put("Name", measure.name()).put("Unit", measure.unit().wire());
        }
        dimensions.forEach((name, value) -> document.put(name, bounded(value)));
        for (Measure measure : measures) {
            double value = measure.value();
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                document.put(measure.name(), (long) value);
            } else {
                document.put(measure.name(), value);
            }
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", impossible);
        }
    }

    /** The value as written: itself when it is a short token, else {@link #OTHER}. */
    static String bounded(String value) {
        return value != null && BOUNDED_VALUE.matcher(value).matches() ? value : OTHER;
    }
}
