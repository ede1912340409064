package health.registration.core.policy;

import health.registration.core.model.SupportedScopes;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What rules need to know beyond the metadata.
 *
 * @param manualRegistrationUrl   where apps that the open paths refuse register by hand ({@code MANUAL_REGISTRATION_URL})
 * @param probeFindings           what probing the URLs found (policy section 5), as violations; empty when the URLs
 *                                were not probed, as on {@code POST /validate}
 * @param udapGrantTypesSupported the grant types the UDAP discovery document advertises (IG STU2 §2.2
 *                                {@code grant_types_supported}); a UDAP registration may ask only for these
 * @param supportedScopes         the scopes the authorization server supports ({@code SCOPES_SUPPORTED}), which decide
 *                                what of a requested scope is granted (UDAP IG STU2 general §7.3)
 */
public record PolicyContext(URI manualRegistrationUrl, List<Violation> probeFindings,
                            Set<String> udapGrantTypesSupported, SupportedScopes supportedScopes) {

    /** Every grant type a UDAP client may ask for (IG STU2 §3.1), when discovery narrows none. */
    public static final Set<String> ALL_UDAP_GRANT_TYPES = Set.of("authorization_code", "refresh_token",
            "client_credentials");

    public PolicyContext {
        Objects.requireNonNull(manualRegistrationUrl, "manualRegistrationUrl");
        probeFindings = List.copyOf(probeFindings);
        udapGrantTypesSupported = Set.copyOf(udapGrantTypesSupported);
        Objects.requireNonNull(supportedScopes, "supportedScopes");
    }

    /** A context with what probing found, every UDAP grant type and every scope granted as asked. */
    public PolicyContext(URI manualRegistrationUrl, List<Violation> probeFindings) {
        this(manualRegistrationUrl, probeFindings, ALL_UDAP_GRANT_TYPES, SupportedScopes.UNRESTRICTED);
    }

    /** A context for rules that need no network, every UDAP grant type and every scope granted as asked. */
    public PolicyContext(URI manualRegistrationUrl) {
        this(manualRegistrationUrl, List.of());
    }

    /** The same context with what probing found. */
    public PolicyContext withProbeFindings(List<Violation> findings) {
        return new PolicyContext(manualRegistrationUrl, findings, udapGrantTypesSupported, supportedScopes);
    }

    /** The same context with the grant types UDAP discovery advertises. */
    public PolicyContext withUdapGrantTypesSupported(Set<String> grantTypes) {
        return new PolicyContext(manualRegistrationUrl, probeFindings, grantTypes, supportedScopes);
    }

    /** The same context granting only what {@code scopes} support. */
    public PolicyContext withSupportedScopes(SupportedScopes scopes) {
        return new PolicyContext(manualRegistrationUrl, probeFindings, udapGrantTypesSupported, scopes);
    }
}
