package health.registration.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The methods each resource of the API answers, as the {@code Api} events of {@code infrastructure/template.yaml}
 * route them (a test of the local API holds the two equal). Each of these resources also has an {@code ANY} method
 * routed to the same function, which API Gateway chooses only when no declared method matches; {@link ApiInvocation}
 * answers those requests {@code 405} with {@code Allow} (RFC 9110 §15.5.6) before the handler runs.
 */
public final class AllowedMethods {

    private static final Map<String, List<String>> BY_RESOURCE = Map.ofEntries(
            Map.entry("/validate", List.of("POST")),
            Map.entry("/probe", List.of("POST")),
            Map.entry("/register", List.of("POST")),
            Map.entry("/register/{client_id}", List.of("GET", "PUT", "DELETE")),
            Map.entry("/.well-known/udap", List.of("GET")),
            Map.entry("/operator/clients", List.of("GET", "POST")),
            Map.entry("/operator/clients/{client_id}", List.of("GET", "PUT", "DELETE")),
            Map.entry("/operator/clients/{client_id}/suspend", List.of("POST")),
            Map.entry("/operator/clients/{client_id}/reinstate", List.of("POST")),
            Map.entry("/operator/certificates", List.of("POST")),
            Map.entry("/operator/certificates/challenges", List.of("POST")),
            Map.entry("/operator/certificates/{serial}/revoke", List.of("POST")),
            Map.entry("/authority/clients/{client_id}", List.of("GET")),
            Map.entry("/authority/clients/{client_id}/verify-secret", List.of("POST")),
            Map.entry("/crl/{file}", List.of("GET")),
            Map.entry("/", List.of("GET")),
            Map.entry("/assets/{file}", List.of("GET")));

    private AllowedMethods() {}

    /** Every resource path template with its methods. */
    public static Map<String, List<String>> byResource() {
        return BY_RESOURCE;
    }

    /** The methods {@code resource} answers; empty for a resource this table does not know (or null). */
    public static List<String> of(String resource) {
        return resource == null ? List.of() : BY_RESOURCE.getOrDefault(resource, List.of());
    }

    /** Whether the request names a known resource but a method the resource does not answer. */
    public static boolean refuses(ApiRequest request) {
        List<String> allowed = of(request.resource());
        return !allowed.isEmpty() && !allowed.contains(request.httpMethod().toUpperCase(Locale.ROOT));
    }
}
