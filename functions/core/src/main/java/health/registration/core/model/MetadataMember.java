package health.registration.core.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every member this service understands (registration policy sections 2 and 9), in the order in which problems are
 * reported: the seven required members of the policy's section 2 table, the other client metadata of RFC 7591 §2,
 * the OpenID Connect Dynamic Client Registration 1.0 §2 members an authorization server of a FHIR API may use (with
 * the logout members of OpenID Connect RP-Initiated, Front-Channel and Back-Channel Logout), then the members a
 * request may carry that are not client metadata: the UDAP request's (UDAP DCR §3) and those only the server sets
 * (RFC 7591 §3.2.1, RFC 7592 §3). Any other member is dropped when metadata is read (RFC 7591 §2: the server MUST
 * ignore metadata it does not understand).
 */
public enum MetadataMember {
    REDIRECT_URIS("redirect_uris", JsonKind.STRING_ARRAY, ValueCheck.URL, true, false),
    CLIENT_URI("client_uri", JsonKind.STRING, ValueCheck.URL, true, true),
    LOGO_URI("logo_uri", JsonKind.STRING, ValueCheck.URL, true, true),
    CONTACTS("contacts", JsonKind.STRING_ARRAY, ValueCheck.EMAIL, true, false),
    TOS_URI("tos_uri", JsonKind.STRING, ValueCheck.URL, true, true),
    POLICY_URI("policy_uri", JsonKind.STRING, ValueCheck.URL, true, true),
    CLIENT_NAME("client_name", JsonKind.STRING, ValueCheck.DISPLAY_NAME, true, true),
    GRANT_TYPES("grant_types", JsonKind.STRING_ARRAY, ValueCheck.PATH_RULES, false, false),
    RESPONSE_TYPES("response_types", JsonKind.STRING_ARRAY, ValueCheck.PATH_RULES, false, false),
    TOKEN_ENDPOINT_AUTH_METHOD("token_endpoint_auth_method", JsonKind.STRING, ValueCheck.PATH_RULES, false, false),
    SCOPE("scope", JsonKind.STRING, ValueCheck.SCOPE, false, false),
    JWKS_URI("jwks_uri", JsonKind.STRING, ValueCheck.URL, false, false),
    JWKS("jwks", JsonKind.OBJECT, ValueCheck.JWK_SET, false, false),
    SOFTWARE_ID("software_id", JsonKind.STRING, ValueCheck.text(200), false, false),
    SOFTWARE_VERSION("software_version", JsonKind.STRING, ValueCheck.text(200), false, false),
    APPLICATION_TYPE("application_type", JsonKind.STRING, ValueCheck.oneOf("web", "native"), false, false),
    SECTOR_IDENTIFIER_URI("sector_identifier_uri", JsonKind.STRING, ValueCheck.URL, false, false),
    SUBJECT_TYPE("subject_type", JsonKind.STRING, ValueCheck.oneOf("public", "pairwise"), false, false),
    ID_TOKEN_SIGNED_RESPONSE_ALG("id_token_signed_response_alg", JsonKind.STRING, ValueCheck.SIGNING_ALGORITHMS, false, false),
    REQUEST_OBJECT_SIGNING_ALG("request_object_signing_alg", JsonKind.STRING, ValueCheck.SIGNING_ALGORITHMS, false, false),
    TOKEN_ENDPOINT_AUTH_SIGNING_ALG("token_endpoint_auth_signing_alg", JsonKind.STRING, ValueCheck.SIGNING_ALGORITHMS, false, false),
    DEFAULT_MAX_AGE("default_max_age", JsonKind.INTEGER, ValueCheck.atMost(366L * 24 * 60 * 60), false, false),
    REQUIRE_AUTH_TIME("require_auth_time", JsonKind.BOOLEAN, ValueCheck.FLAG, false, false),
    INITIATE_LOGIN_URI("initiate_login_uri", JsonKind.STRING, ValueCheck.URL, false, false),
    REQUEST_URIS("request_uris", JsonKind.STRING_ARRAY, ValueCheck.URL, false, false),
    POST_LOGOUT_REDIRECT_URIS("post_logout_redirect_uris", JsonKind.STRING_ARRAY, ValueCheck.URL, false, false),
    BACKCHANNEL_LOGOUT_URI("backchannel_logout_uri", JsonKind.STRING, ValueCheck.URL, false, false),
    BACKCHANNEL_LOGOUT_SESSION_REQUIRED("backchannel_logout_session_required", JsonKind.BOOLEAN, ValueCheck.FLAG, false, false),
    FRONTCHANNEL_LOGOUT_URI("frontchannel_logout_uri", JsonKind.STRING, ValueCheck.URL, false, false),
    FRONTCHANNEL_LOGOUT_SESSION_REQUIRED("frontchannel_logout_session_required", JsonKind.BOOLEAN, ValueCheck.FLAG, false, false),
    SOFTWARE_STATEMENT("software_statement", JsonKind.STRING, ValueCheck.UDAP_REQUEST, false, false),
    UDAP("udap", JsonKind.STRING, ValueCheck.UDAP_REQUEST, false, false),
    CERTIFICATIONS("certifications", JsonKind.STRING_ARRAY, ValueCheck.UDAP_REQUEST, false, false),
    CLIENT_ID("client_id", JsonKind.ANY, ValueCheck.SERVER_SET, false, false),
    CLIENT_SECRET("client_secret", JsonKind.ANY, ValueCheck.SERVER_SET, false, false),
    CLIENT_ID_ISSUED_AT("client_id_issued_at", JsonKind.ANY, ValueCheck.SERVER_SET, false, false),
    CLIENT_SECRET_EXPIRES_AT("client_secret_expires_at", JsonKind.ANY, ValueCheck.SERVER_SET, false, false),
    REGISTRATION_ACCESS_TOKEN("registration_access_token", JsonKind.ANY, ValueCheck.SERVER_SET, false, false),
    REGISTRATION_CLIENT_URI("registration_client_uri", JsonKind.ANY, ValueCheck.SERVER_SET, false, false);

    /** The JSON type a member must have; nothing is coerced (a string is never a one-element array). */
    public enum JsonKind {
        STRING("a string"),
        STRING_ARRAY("an array of strings"),
        OBJECT("a JSON object"),
        INTEGER("an integer"),
        BOOLEAN("true or false"),
        /** Server-set members, which a request's reader checks itself (RFC 7592 §2.2) or ignores. */
        ANY("any JSON value");

        private final String description;

        JsonKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The kind of check a member's values get beyond their JSON type. */
    public enum CheckKind {
        /** The URL rules of policy sections 3 and 5, by {@link UrlField}. */
        URL,
        /** Email addresses (policy section 6). */
        EMAIL,
        /** A name people read (policy section 2). */
        DISPLAY_NAME,
        /** Values each path's grant rules decide (policy section 4). */
        PATH_RULES,
        /** One of {@link ValueCheck#allowed()}. */
        ENUMERATED,
        /** Text of at most {@link ValueCheck#max()} characters. */
        TEXT,
        /** An integer from 0 to {@link ValueCheck#max()}. */
        BOUNDED_INTEGER,
        /** true or false: the JSON type says it all. */
        FLAG,
        /** RFC 6749 §3.3 scope tokens. */
        SCOPE,
        /** A JWK Set of public signing keys (policy section 9). */
        JWK_SET,
        /** Read by the UDAP path from the request; never stored as client metadata. */
        UDAP_REQUEST,
        /** Set by the server; ignored in a registration, checked on an RFC 7592 update; never stored as metadata. */
        SERVER_SET
    }

    /**
     * What a member's values must be: its check, and for enumerated, text and integer members the values or bound.
     */
    public record ValueCheck(CheckKind kind, Set<String> allowed, long max) {

        static final ValueCheck URL = of(CheckKind.URL);
        static final ValueCheck EMAIL = of(CheckKind.EMAIL);
        static final ValueCheck DISPLAY_NAME = of(CheckKind.DISPLAY_NAME);
        static final ValueCheck PATH_RULES = of(CheckKind.PATH_RULES);
        static final ValueCheck FLAG = of(CheckKind.FLAG);
        static final ValueCheck SCOPE = of(CheckKind.SCOPE);
        static final ValueCheck JWK_SET = of(CheckKind.JWK_SET);
        static final ValueCheck UDAP_REQUEST = of(CheckKind.UDAP_REQUEST);
        static final ValueCheck SERVER_SET = of(CheckKind.SERVER_SET);
        /**
         * Asymmetric JWS algorithms (RFC 7518 §3.1) only: never {@code none}, which OpenID Connect Registration §2
         * forbids for the token endpoint and would leave ID tokens unsigned, and never HMAC, whose key would be the
         * client secret.
         */
        static final ValueCheck SIGNING_ALGORITHMS = oneOf("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                "ES256", "ES384", "ES512");

        public ValueCheck {
            allowed = Set.copyOf(allowed);
        }

        private static ValueCheck of(CheckKind kind) {
            return new ValueCheck(kind, Set.of(), 0);
        }

        static ValueCheck oneOf(String... values) {
            return new ValueCheck(CheckKind.ENUMERATED, Set.of(values), 0);
        }

        static ValueCheck text(int maxCharacters) {
            return new ValueCheck(CheckKind.TEXT, Set.of(), maxCharacters);
        }

        static ValueCheck atMost(long max) {
            return new ValueCheck(CheckKind.BOUNDED_INTEGER, Set.of(), max);
        }
    }

    private final String jsonName;
    private final JsonKind kind;
    private final ValueCheck check;
    private final boolean required;
    private final boolean languageTaggable;

    MetadataMember(String jsonName, JsonKind kind, ValueCheck check, boolean required, boolean languageTaggable) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.check = check;
        this.required = required;
        this.languageTaggable = languageTaggable;
    }

    public String jsonName() {
        return jsonName;
    }

    public JsonKind kind() {
        return kind;
    }

    /** The check the member's kind implies beyond its JSON type. */
    public ValueCheck check() {
        return check;
    }

    /** One of the seven members every registration path requires (policy section 2). */
    public boolean required() {
        return required;
    }

    /** Client metadata: registered, stored and echoed; false for the UDAP request's and the server-set members. */
    public boolean registrable() {
        return check.kind() != CheckKind.UDAP_REQUEST && check.kind() != CheckKind.SERVER_SET;
    }

    /**
     * The member a JSON member name stands for: the member itself, or for a taggable member its
     * {@code name#tag} variant.
     */
    public static Optional<MetadataMember> forName(String name) {
        if (!name.contains("#")) {
            return Arrays.stream(values()).filter(m -> m.jsonName.equals(name)).findFirst();
        }
        String base = name.substring(0, name.indexOf('#'));
        return Arrays.stream(values()).filter(m -> m.languageTaggable && m.jsonName.equals(base)).findFirst();
    }
}
