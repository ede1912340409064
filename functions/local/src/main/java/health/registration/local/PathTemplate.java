package health.registration.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway resource path such as {@code /register/{client_id}} or {@code /files/{proxy+}}: literal segments,
 * {@code {name}} segments that match one path segment, and a final greedy {@code {name+}} that matches one or more.
 */
public final class PathTemplate {

    /** More specific templates first: at the first differing segment, literal before variable before greedy. */
    public static final Comparator<PathTemplate> MOST_SPECIFIC_FIRST = PathTemplate::compareSpecificity;

    private enum Kind { LITERAL, VARIABLE, GREEDY }

    private record Segment(Kind kind, String text) {}

    private final String template;
    private final List<Segment> segments;

    private PathTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments;
    }

    /** Parses a template; a greedy segment anywhere but last is refused, as API Gateway refuses it. */
    public static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path " + template + " must start with /");
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : split(template)) {
            segments.add(segment(part, template));
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).kind() == Kind.GREEDY) {
                throw new IllegalArgumentException("route path " + template + " has a greedy segment before its end");
            }
        }
        return new PathTemplate(template, Collections.unmodifiableList(segments));
    }

    /** The values of the template's variables if {@code path} (still percent-encoded) matches, else empty. */
    public Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i >= parts.size() || parts.get(i).isEmpty()) {
                return Optional.empty();
            }
            switch (segment.kind()) {
                case LITERAL -> {
                    if (!segment.text().equals(parts.get(i))) {
                        return Optional.empty();
                    }
                }
                case VARIABLE -> values.put(segment.text(), parts.get(i));
                case GREEDY -> {
                    values.put(segment.text(), String.join("/", parts.subList(i, parts.size())));
                    return Optional.of(values);
                }
            }
        }
        return parts.size() == segments.size() ? Optional.of(values) : Optional.empty();
    }

    private int compareSpecificity(PathTemplate other) {
        for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
            int byKind = segments.get(i).kind().compareTo(other.segments.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathTemplate that && template.equals(that.template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }

    /** The segments between slashes; the root path {@code /} has none. */
    private static List<String> split(String path) {
        String trimmed = path.substring(1);
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    private static Segment segment(String part, String template) {
        if (part.startsWith("{") && part.endsWith("}")) {
            String name = part.substring(1, part.length() - 1);
            boolean greedy = name.endsWith("+");
            name = greedy ? name.substring(0, name.length() - 1) : name;
            if (name.isEmpty() || name.contains("{") || name.contains("}")) {
                throw new IllegalArgumentException("route path " + template + " has a malformed segment " + part);
            }
            return new Segment(greedy ? Kind.GREEDY : Kind.VARIABLE, name);
        }
        if (part.isEmpty()) {
            throw new IllegalArgumentException("route path " + template + " has an empty segment");
        }
        return new Segment(Kind.LITERAL, part);
    }
}
