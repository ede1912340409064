package health.registration.core.udap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the UDAP discovery document publishes beside the fixed values of {@link UdapMetadataDocument} (IG STU2 §2.2).
 * Checked when built, so a mistyped setting stops the function from starting instead of failing Inferno's discovery
 * checks (an http(s) URI is what {@code assert_valid_http_uri} accepts).
 *
 * @param baseUrl               the FHIR server's base URL, where clients discover UDAP at
 *                              {@code {baseUrl}/.well-known/udap}: {@code iss} and {@code sub} of the signed metadata,
 *                              exactly as clients are given it (IG STU2 §2.3: "SHALL be equal to the server's
 *                              {baseURL}"); it may differ from this service's own URL
 * @param registrationEndpoint  {@code registration_endpoint}, the {@code aud} of software statements
 * @param authorizationEndpoint {@code authorization_endpoint}; absent when the authorization_code grant is not offered
 * @param tokenEndpoint         {@code token_endpoint}
 * @param scopesSupported       {@code scopes_supported}, one or more (required in STU2 §2.2, see its §7.3)
 * @param capabilities          the profiles, extensions, certifications, grant types and algorithms published
 */
public record UdapMetadataSettings(String baseUrl, URI registrationEndpoint, Optional<URI> authorizationEndpoint,
                                   URI tokenEndpoint, List<String> scopesSupported, UdapCapabilities capabilities) {

    public UdapMetadataSettings {
        requireHttpUrl("the base URL", URI.create(Objects.requireNonNull(baseUrl)));
        requireHttpUrl("registration_endpoint", registrationEndpoint);
        authorizationEndpoint.ifPresent(uri -> requireHttpUrl("authorization_endpoint", uri));
        requireHttpUrl("token_endpoint", tokenEndpoint);
        scopesSupported = List.copyOf(scopesSupported);
        requireScopes(scopesSupported);
        Objects.requireNonNull(capabilities, "capabilities").requireAuthorizationEndpoint(
                authorizationEndpoint.isPresent());
    }

    /** With the capabilities published before they were configurable ({@link UdapCapabilities#defaults}). */
    public UdapMetadataSettings(String baseUrl, URI registrationEndpoint, Optional<URI> authorizationEndpoint,
            URI tokenEndpoint, List<String> scopesSupported) {
        this(baseUrl, registrationEndpoint, authorizationEndpoint, tokenEndpoint, scopesSupported,
                UdapCapabilities.defaults(authorizationEndpoint.isPresent()));
    }

    /** The same endpoints and scopes with other capabilities. */
    public UdapMetadataSettings withCapabilities(UdapCapabilities published) {
        return new UdapMetadataSettings(baseUrl, registrationEndpoint, authorizationEndpoint, tokenEndpoint,
                scopesSupported, published);
    }

    /**
     * Settings from configuration text: the scopes space-separated (RFC 6749 §3.3), an empty authorization endpoint
     * meaning none.
     *
     * @throws IllegalArgumentException naming the setting that is not usable
     */
    public static UdapMetadataSettings parse(String baseUrl, URI registrationEndpoint, String authorizationEndpoint,
            String tokenEndpoint, String scopes) {
        String authorization = authorizationEndpoint == null ? "" : authorizationEndpoint.strip();
        return new UdapMetadataSettings(baseUrl, registrationEndpoint,
                authorization.isEmpty() ? Optional.empty() : Optional.of(uri("authorization_endpoint", authorization)),
                uri("token_endpoint", tokenEndpoint == null ? "" : tokenEndpoint.strip()),
                scopes == null || scopes.isBlank() ? List.of() : List.of(scopes.strip().split("\\s+")));
    }

    /** Whether the authorization_code grant is offered. */
    public boolean offersAuthorizationCode() {
        return capabilities.grantTypesSupported().contains(UdapCapabilities.AUTHORIZATION_CODE);
    }

    private static URI uri(String name, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
        }
    }

    private static void requireHttpUrl(String name, URI uri) {
        Objects.requireNonNull(uri, name);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL without user information, query"
                    + " or fragment");
        }
    }

    /** RFC 6749 §3.3: a scope token is one or more printable ASCII characters other than space, {@code "} and {@code \}. */
    private static void requireScopes(List<String> scopes) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes_supported must list at least one scope (IG STU2 §2.2)");
        }
        for (String scope : scopes) {
            if (scope.isEmpty() || !scope.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x5B)
                    || (c >= 0x5D && c <= 0x7E))) {
                throw new IllegalArgumentException("scopes_supported has a scope that is not an RFC 6749 §3.3 scope"
                        + " token");
            }
        }
        if (new LinkedHashSet<>(scopes).size() != scopes.size()) {
            throw new IllegalArgumentException("scopes_supported lists a scope twice");
        }
    }
}
