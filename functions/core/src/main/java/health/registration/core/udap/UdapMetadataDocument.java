package health.registration.core.udap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of the UDAP discovery document (IG STU2 §2.2) and the endpoint claims of its signed metadata (§2.3),
 * each name one constant. The unsigned part holds no time and no random value, so it is built once.
 */
public final class UdapMetadataDocument {

    public static final String UDAP_VERSIONS_SUPPORTED = "udap_versions_supported";
    public static final String UDAP_PROFILES_SUPPORTED = "udap_profiles_supported";
    public static final String UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED = "udap_authorization_extensions_supported";
    public static final String UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED = "udap_authorization_extensions_required";
    public static final String UDAP_CERTIFICATIONS_SUPPORTED = "udap_certifications_supported";
    public static final String UDAP_CERTIFICATIONS_REQUIRED = "udap_certifications_required";
    public static final String GRANT_TYPES_SUPPORTED = "grant_types_supported";
    public static final String SCOPES_SUPPORTED = "scopes_supported";
    public static final String AUTHORIZATION_ENDPOINT = "authorization_endpoint";
    public static final String TOKEN_ENDPOINT = "token_endpoint";
    public static final String TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED = "token_endpoint_auth_methods_supported";
    public static final String TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED =
            "token_endpoint_auth_signing_alg_values_supported";
    public static final String REGISTRATION_ENDPOINT = "registration_endpoint";
    public static final String REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED =
            "registration_endpoint_jwt_signing_alg_values_supported";
    public static final String SIGNED_METADATA = "signed_metadata";

    /** §2.2: "A fixed array with one string element: ["1"]". */
    static final List<String> VERSIONS = List.of("1");
    /** §2.2: udap_dcr and udap_authn SHALL be listed; udap_authz too, because client_credentials is offered. */
    static final List<String> PROFILES = List.of("udap_dcr", "udap_authn", "udap_authz");
    /** STU2 b2b §5.2.1.1: servers that support the B2B client credentials flow SHALL support hl7-b2b. */
    static final List<String> EXTENSIONS_SUPPORTED = List.of("hl7-b2b");
    /** §2.2: present because the supported list is not empty; no extension is required in every token request. */
    static final List<String> EXTENSIONS_REQUIRED = List.of();
    /** §2.2: no certifications, so udap_certifications_required is left out (it is conditional on this list). */
    static final List<String> CERTIFICATIONS_SUPPORTED = List.of();
    /** §2.2: "Fixed array with one value: ["private_key_jwt"]". */
    static final List<String> AUTH_METHODS = List.of("private_key_jwt");
    /** General §7.1.2: RS256 SHALL be supported, ES256 SHOULD, RS384 and ES384 MAY. */
    static final List<String> SIGNING_ALGS = List.of("RS256", "ES256", "RS384", "ES384");

    private static final ObjectMapper JSON = new ObjectMapper();

    private UdapMetadataDocument() {}

    /**
     * The unsigned document without {@code signed_metadata}, members in the order of the §2.2 table.
     * {@code grant_types_supported} lists authorization_code and refresh_token only with an authorization endpoint:
     * refresh_token "SHALL only be included if the authorization_code grant type is also included", and
     * authorization_endpoint "SHALL be present if" authorization_code is listed.
     */
    static ObjectNode unsigned(UdapMetadataSettings settings) {
        ObjectNode document = JSON.createObjectNode();
        strings(document, UDAP_VERSIONS_SUPPORTED, VERSIONS);
        strings(document, UDAP_PROFILES_SUPPORTED, PROFILES);
        strings(document, UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, EXTENSIONS_SUPPORTED);
        strings(document, UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, EXTENSIONS_REQUIRED);
        strings(document, UDAP_CERTIFICATIONS_SUPPORTED, CERTIFICATIONS_SUPPORTED);
        strings(document, GRANT_TYPES_SUPPORTED, grantTypes(settings));
        strings(document, SCOPES_SUPPORTED, settings.scopesSupported());
        settings.authorizationEndpoint().ifPresent(uri -> document.put(AUTHORIZATION_ENDPOINT, uri.toString()));
        document.put(TOKEN_ENDPOINT, settings.tokenEndpoint().toString());
        strings(document, TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED, AUTH_METHODS);
        strings(document, TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED, SIGNING_ALGS);
        document.put(REGISTRATION_ENDPOINT, settings.registrationEndpoint().toString());
        strings(document, REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED, SIGNING_ALGS);
        return document;
    }

    static List<String> grantTypes(UdapMetadataSettings settings) {
        List<String> grants = new ArrayList<>();
        if (settings.offersAuthorizationCode()) {
            grants.add("authorization_code");
            grants.add("refresh_token");
        }
        grants.add("client_credentials");
        return grants;
    }

    /** The whole document: the unsigned members and the signed metadata. */
    static String withSignedMetadata(ObjectNode unsigned, String signedMetadata) {
        ObjectNode document = unsigned.deepCopy();
        document.put(SIGNED_METADATA, signedMetadata);
        try {
            return JSON.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of strings could not be written as JSON", impossible);
        }
    }

    private static void strings(ObjectNode document, String name, List<String> values) {
        ArrayNode array = document.putArray(name);
        values.forEach(array::add);
    }
}
