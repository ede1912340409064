package health.registration.core.udap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What this server's UDAP discovery document says it supports (IG STU2 §2.2), beyond its endpoints and scopes: the
 * profiles, the authorization extensions and certifications (supported and required), the grant types and the signing
 * algorithms. Checked for consistency when built, so a configuration the IG forbids never reaches a client:
 * <ul>
 *   <li>udap_profiles_supported lists udap_dcr and udap_authn (§2.2), and udap_authz when client_credentials is
 *       offered (§2.2, STU2 b2b §5.2);</li>
 *   <li>required extensions and certifications are among the supported ones (§2.2);</li>
 *   <li>hl7-b2b is a supported extension when client_credentials is offered (STU2 b2b §5.2.1.1);</li>
 *   <li>grant_types_supported holds authorization_code or client_credentials or both; refresh_token only with
 *       authorization_code; authorization_code only with an authorization endpoint, which in turn is only published
 *       with it (§2.2);</li>
 *   <li>both lists of signing algorithms are drawn from RS256, ES256, RS384 and ES384 and hold RS256 (IG general
 *       §7.1.2).</li>
 * </ul>
 * A refusal is an {@link Inconsistent} naming the member at fault, so the caller can name the setting it came from.
 */
public record UdapCapabilities(List<String> profilesSupported, List<String> extensionsSupported,
                               List<String> extensionsRequired, List<String> certificationsSupported,
                               List<String> certificationsRequired, List<String> grantTypesSupported,
                               List<String> tokenSigningAlgs, List<String> registrationSigningAlgs) {

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** IG STU2 §2.2: the profiles a server may list (udap_to is Tiered OAuth). */
    static final Set<String> KNOWN_PROFILES = Set.of("udap_dcr", "udap_authn", "udap_authz", "udap_to");
    static final Set<String> KNOWN_GRANTS = Set.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS);
    /** IG general §7.1.2: RS256 SHALL be supported, ES256 SHOULD, RS384 and ES384 MAY. */
    static final List<String> SIGNING_ALGS = List.of("RS256", "ES256", "RS384", "ES384");
    static final String HL7_B2B = "hl7-b2b";

    /** A capability the IG forbids; {@link #member()} is the discovery member at fault. */
    public static final class Inconsistent extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String member;

        Inconsistent(String member, String problem) {
            super(member + " " + problem);
            this.member = member;
        }

        public String member() {
            return member;
        }
    }

    /** Checks every list against the others; {@code authorizationEndpoint} says whether one is published. */
    public UdapCapabilities {
        profilesSupported = distinct(UdapMetadataDocument.UDAP_PROFILES_SUPPORTED, profilesSupported);
        extensionsSupported = distinct(UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, extensionsSupported);
        extensionsRequired = distinct(UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, extensionsRequired);
        certificationsSupported = distinct(UdapMetadataDocument.UDAP_CERTIFICATIONS_SUPPORTED, certificationsSupported);
        certificationsRequired = distinct(UdapMetadataDocument.UDAP_CERTIFICATIONS_REQUIRED, certificationsRequired);
        grantTypesSupported = distinct(UdapMetadataDocument.GRANT_TYPES_SUPPORTED, grantTypesSupported);
        tokenSigningAlgs = distinct(UdapMetadataDocument.TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED,
                tokenSigningAlgs);
        registrationSigningAlgs = distinct(UdapMetadataDocument.REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED,
                registrationSigningAlgs);
        requireGrants(grantTypesSupported);
        requireProfiles(profilesSupported, grantTypesSupported.contains(CLIENT_CREDENTIALS));
        requireSubset(UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, extensionsRequired,
                extensionsSupported);
        if (grantTypesSupported.contains(CLIENT_CREDENTIALS) && !extensionsSupported.contains(HL7_B2B)) {
            throw new Inconsistent(UdapMetadataDocument.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, "must list " + HL7_B2B
                    + " when client_credentials is offered (STU2 b2b §5.2.1.1)");
        }
        certificationsSupported.forEach(c -> requireUri(UdapMetadataDocument.UDAP_CERTIFICATIONS_SUPPORTED, c));
        requireSubset(UdapMetadataDocument.UDAP_CERTIFICATIONS_REQUIRED, certificationsRequired,
                certificationsSupported);
        requireAlgs(UdapMetadataDocument.TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED, tokenSigningAlgs);
        requireAlgs(UdapMetadataDocument.REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED, registrationSigningAlgs);
    }

    /**
     * What the service published before these were configurable: udap_dcr, udap_authn and udap_authz; hl7-b2b; no
     * certification; client_credentials, with authorization_code and refresh_token when an authorization endpoint is
     * published; all four algorithms.
     */
    public static UdapCapabilities defaults(boolean authorizationEndpoint) {
        return new UdapCapabilities(List.of("udap_dcr", "udap_authn", "udap_authz"), List.of(HL7_B2B), List.of(),
                List.of(), List.of(), defaultGrantTypes(authorizationEndpoint), SIGNING_ALGS, SIGNING_ALGS);
    }

    public static List<String> defaultGrantTypes(boolean authorizationEndpoint) {
        return authorizationEndpoint ? List.of(AUTHORIZATION_CODE, REFRESH_TOKEN, CLIENT_CREDENTIALS)
                : List.of(CLIENT_CREDENTIALS);
    }

    /** IG STU2 §2.2: authorization_endpoint "SHALL be present if" authorization_code is offered, and only then here. */
    public void requireAuthorizationEndpoint(boolean published) {
        if (grantTypesSupported.contains(AUTHORIZATION_CODE) != published) {
            throw new Inconsistent(UdapMetadataDocument.GRANT_TYPES_SUPPORTED, published
                    ? "must list authorization_code when an authorization endpoint is published"
                    : "may list authorization_code only when an authorization endpoint is published");
        }
    }

    private static List<String> distinct(String member, List<String> values) {
        List<String> copy = List.copyOf(Objects.requireNonNull(values, member));
        if (new LinkedHashSet<>(copy).size() != copy.size()) {
            throw new Inconsistent(member, "lists a value twice");
        }
        return copy;
    }

    private static void requireGrants(List<String> grants) {
        for (String grant : grants) {
            if (!KNOWN_GRANTS.contains(grant)) {
                throw new Inconsistent(UdapMetadataDocument.GRANT_TYPES_SUPPORTED,
                        "may hold only authorization_code, refresh_token and client_credentials");
            }
        }
        if (!grants.contains(AUTHORIZATION_CODE) && !grants.contains(CLIENT_CREDENTIALS)) {
            throw new Inconsistent(UdapMetadataDocument.GRANT_TYPES_SUPPORTED,
                    "must list authorization_code or client_credentials (or both)");
        }
        if (grants.contains(REFRESH_TOKEN) && !grants.contains(AUTHORIZATION_CODE)) {
            throw new Inconsistent(UdapMetadataDocument.GRANT_TYPES_SUPPORTED,
                    "may list refresh_token only together with authorization_code (IG STU2 §2.2)");
        }
    }

    private static void requireProfiles(List<String> profiles, boolean clientCredentials) {
        for (String profile : profiles) {
            if (!KNOWN_PROFILES.contains(profile)) {
                throw new Inconsistent(UdapMetadataDocument.UDAP_PROFILES_SUPPORTED,
                        "may hold only udap_dcr, udap_authn, udap_authz and udap_to");
            }
        }
        if (!profiles.contains("udap_dcr") || !profiles.contains("udap_authn")) {
            throw new Inconsistent(UdapMetadataDocument.UDAP_PROFILES_SUPPORTED,
                    "must list udap_dcr and udap_authn (IG STU2 §2.2)");
        }
        if (clientCredentials && !profiles.contains("udap_authz")) {
            throw new Inconsistent(UdapMetadataDocument.UDAP_PROFILES_SUPPORTED,
                    "must list udap_authz when client_credentials is offered (IG STU2 §2.2)");
        }
    }

    private static void requireSubset(String member, List<String> required, List<String> supported) {
        if (!supported.containsAll(required)) {
            throw new Inconsistent(member, "may list only values that the matching _supported list holds"
                    + " (IG STU2 §2.2)");
        }
    }

    private static void requireUri(String member, String value) {
        try {
            if (new URI(value).isAbsolute()) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new Inconsistent(member, "must hold absolute URIs (IG STU2 §2.2)");
    }

    private static void requireAlgs(String member, List<String> algs) {
        if (!SIGNING_ALGS.containsAll(algs) || !algs.contains("RS256")) {
            throw new Inconsistent(member, "must be drawn from RS256, ES256, RS384 and ES384 and must list RS256"
                    + " (IG general §7.1.2)");
        }
    }
}
