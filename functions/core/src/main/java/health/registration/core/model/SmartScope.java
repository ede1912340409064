package health.registration.core.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART App Launch resource scope read by its parts: {@code context/resource.permissions}, where the context is
 * {@code patient}, {@code user} or {@code system}, the resource a FHIR resource type name or {@code *}, and the
 * permissions either SMART v1 ({@code read}, {@code write}, {@code *}) or SMART v2 (a non-empty ordered subset of
 * {@code cruds}). A v1 permission is read as its v2 equivalent: read = rs, write = cud, * = cruds. A SMART v2 query
 * ({@code patient/Observation.rs?category=laboratory}) only narrows a scope; it is kept as text.
 *
 * @param context     patient, user or system
 * @param resource    a FHIR resource type name, or {@code *} for every type
 * @param permissions the v2 permissions as a bit set ({@link #CREATE} ... {@link #SEARCH})
 * @param query       the text after {@code ?}, or empty
 */
public record SmartScope(String context, String resource, int permissions, String query) {

    public static final int CREATE = 1;
    public static final int READ = 2;
    public static final int UPDATE = 4;
    public static final int DELETE = 8;
    public static final int SEARCH = 16;
    private static final String V2_LETTERS = "cruds";

    /** Bounded pieces, no backtracking across them: a FHIR type name is letters and digits, starting with a capital. */
    private static final Pattern FORM = Pattern.compile(
            "(patient|user|system)/([A-Z][A-Za-z0-9]{0,63}|\\*)\\.(read|write|\\*|c?r?u?d?s?)(?:\\?(.+))?");

    /** The scope's parts, or empty for a token that is not a SMART resource scope (openid, launch/patient, ...). */
    public static Optional<SmartScope> parse(String token) {
        Matcher parts = FORM.matcher(token);
        if (!parts.matches() || parts.group(3).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmartScope(parts.group(1), parts.group(2), permissions(parts.group(3)),
                parts.group(4) == null ? "" : parts.group(4)));
    }

    private static int permissions(String text) {
        return switch (text) {
            case "read" -> READ | SEARCH;
            case "write" -> CREATE | UPDATE | DELETE;
            case "*" -> CREATE | READ | UPDATE | DELETE | SEARCH;
            default -> {
                int bits = 0;
                for (char letter : text.toCharArray()) {
                    bits |= 1 << V2_LETTERS.indexOf(letter);
                }
                yield bits;
            }
        };
    }

    /** True for a scope on every resource type of its context. */
    public boolean wildcard() {
        return resource.equals("*");
    }

    /**
     * True when this supported scope grants everything {@code requested} asks for: the same context, this resource
     * type or {@code *}, every requested permission; a requested query only narrows, so it is not compared. A
     * supported scope with a query of its own covers only the very same token (compared by the caller).
     */
    public boolean covers(SmartScope requested) {
        return query.isEmpty() && context.equals(requested.context)
                && (wildcard() || resource.equals(requested.resource))
                && (permissions & requested.permissions) == requested.permissions;
    }

    /** The scope written in SMART v2 form, rebuilt from its parts (never the text as sent). */
    public String canonical() {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < V2_LETTERS.length(); i++) {
            if ((permissions & (1 << i)) != 0) {
                letters.append(V2_LETTERS.charAt(i));
            }
        }
        return context + "/" + resource + "." + letters + (query.isEmpty() ? "" : "?…");
    }
}
