package health.registration.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scopes the authorization server supports ({@code SCOPES_SUPPORTED}, published as {@code scopes_supported}) and
 * what they grant of a request (UDAP IG STU2 general §7.3: the server MAY grant a subset of the requested scopes).
 * A requested token is granted when a supported token is the same text, or, for a SMART resource scope, when a
 * supported SMART scope {@linkplain SmartScope#covers covers} it: {@code patient/*.cruds} and
 * {@code patient/Observation.read} both cover {@code patient/Observation.rs}. A requested wildcard ({@code patient/*.rs})
 * is covered only by a supported wildcard of its context. {@link #UNRESTRICTED} grants every token as asked.
 */
public final class SupportedScopes {

    /** Grants every requested token: the setting is unset (local runs, tests of other concerns). */
    public static final SupportedScopes UNRESTRICTED = new SupportedScopes(null);

    private static final Pattern TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** Null for {@link #UNRESTRICTED}. */
    private final Set<String> tokens;
    /** The supported SMART scopes without a query, by context: at most three lists to search. */
    private final Map<String, List<SmartScope>> smartByContext = new HashMap<>();

    private SupportedScopes(List<String> tokens) {
        this.tokens = tokens == null ? null : Set.copyOf(tokens);
        if (tokens != null) {
            tokens.stream().map(SmartScope::parse).flatMap(Optional::stream).filter(s -> s.query().isEmpty())
                    .forEach(s -> smartByContext.computeIfAbsent(s.context(), c -> new ArrayList<>()).add(s));
        }
    }

    /**
     * Reads {@code SCOPES_SUPPORTED}: RFC 6749 §3.3 scope tokens separated by single spaces, at least one, none twice.
     */
    public static Parsed<SupportedScopes> parse(String text) {
        List<String> tokens = text.isBlank() ? List.of() : List.of(text.strip().split(" +"));
        if (tokens.isEmpty()) {
            return Parsed.failure("scopes_supported must list at least one scope");
        }
        if (!tokens.stream().allMatch(t -> TOKEN.matcher(t).matches())) {
            return Parsed.failure("scopes_supported has a scope that is not an RFC 6749 section 3.3 scope token");
        }
        if (new LinkedHashSet<>(tokens).size() != tokens.size()) {
            return Parsed.failure("scopes_supported lists a scope twice");
        }
        return Parsed.ok(new SupportedScopes(tokens));
    }

    /** The supported tokens as configured, sorted; empty for {@link #UNRESTRICTED}. */
    public List<String> tokens() {
        return tokens == null ? List.of() : tokens.stream().sorted().toList();
    }

    /**
     * What of a space-separated scope request is granted, in the requested order, each token once. Linear in the
     * requested tokens times the supported SMART scopes of one context.
     */
    public ScopeGrant grant(String requested) {
        List<String> granted = new ArrayList<>();
        List<ScopeGrant.Refused> refused = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        String[] asked = requested.isEmpty() ? new String[0] : requested.split(" ");
        for (int i = 0; i < asked.length; i++) {
            String token = asked[i];
            if (!seen.add(token)) {
                continue;
            }
            Optional<SmartScope> smart = SmartScope.parse(token);
            if (grants(token, smart)) {
                granted.add(token);
            } else {
                refused.add(new ScopeGrant.Refused(i, smart));
            }
        }
        return new ScopeGrant(granted, refused);
    }

    private boolean grants(String token, Optional<SmartScope> smart) {
        if (tokens == null || tokens.contains(token)) {
            return true;
        }
        return smart.isPresent() && smartByContext.getOrDefault(smart.get().context(), List.of()).stream()
                .anyMatch(supported -> supported.covers(smart.get()));
    }

    /** The metadata with its scope replaced by what is granted of it; unchanged without a scope. */
    public ClientMetadata narrow(ClientMetadata metadata) {
        // An empty scope grants nothing, so it is written back empty, as it came.
        Optional<String> scope = metadata.text(MetadataMember.SCOPE);
        if (scope.isEmpty() || tokens == null) {
            return metadata;
        }
        return metadata.withText(MetadataMember.SCOPE, String.join(" ", grant(scope.get()).granted()));
    }
}
