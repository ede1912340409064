package health.registration.core.udap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    /** §2.2: "Fixed array with one value: ["private_key_jwt"]". */
    static final List<String> AUTH_METHODS = List.of("private_key_jwt");

    private static final ObjectMapper JSON = new ObjectMapper();

    private UdapMetadataDocument() {}

    /**
     * The unsigned document without {@code signed_metadata}, members in the order of the §2.2 table, the capabilities
     * as {@link UdapCapabilities} checked them. udap_authorization_extensions_required is present whenever the
     * supported list is (§2.2 makes it conditional on a non-empty supported list; an empty one is harmless), and
     * udap_certifications_required only when certifications are supported, as §2.2 conditions it.
     */
    static ObjectNode unsigned(UdapMetadataSettings settings) {
        UdapCapabilities capabilities = settings.capabilities();
        ObjectNode document = JSON.createObjectNode();
        strings(document, UDAP_VERSIONS_SUPPORTED, VERSIONS);
        strings(document, UDAP_PROFILES_SUPPORTED, capabilities.profilesSupported());
        strings(document, UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, capabilities.extensionsSupported());
        strings(document, UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, capabilities.extensionsRequired());
        strings(document, UDAP_CERTIFICATIONS_SUPPORTED, capabilities.certificationsSupported());
        if (!capabilities.certificationsSupported().isEmpty()) {
            strings(document, UDAP_CERTIFICATIONS_REQUIRED, capabilities.certificationsRequired());
        }
        strings(document, GRANT_TYPES_SUPPORTED, capabilities.grantTypesSupported());
        strings(document, SCOPES_SUPPORTED, settings.scopesSupported());
        settings.authorizationEndpoint().ifPresent(uri -> document.put(AUTHORIZATION_ENDPOINT, uri.toString()));
        document.put(TOKEN_ENDPOINT, settings.tokenEndpoint().toString());
        strings(document, TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED, AUTH_METHODS);
        strings(document, TOKEN_ENDPOINT_AUTH_SIGNING_ALG_VALUES_SUPPORTED, capabilities.tokenSigningAlgs());
        document.put(REGISTRATION_ENDPOINT, settings.registrationEndpoint().toString());
        strings(document, REGISTRATION_ENDPOINT_JWT_SIGNING_ALG_VALUES_SUPPORTED, capabilities.registrationSigningAlgs());
        return document;
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
