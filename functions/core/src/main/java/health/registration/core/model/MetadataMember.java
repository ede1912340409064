package health.registration.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The client metadata members this service reads (RFC 7591 §2), in the order of the registration policy's
 * section 2 table. The order is also the order in which problems are reported.
 */
public enum MetadataMember {
    REDIRECT_URIS("redirect_uris", JsonKind.STRING_ARRAY, true, false),
    CLIENT_URI("client_uri", JsonKind.STRING, true, true),
    LOGO_URI("logo_uri", JsonKind.STRING, true, true),
    CONTACTS("contacts", JsonKind.STRING_ARRAY, true, false),
    TOS_URI("tos_uri", JsonKind.STRING, true, true),
    POLICY_URI("policy_uri", JsonKind.STRING, true, true),
    CLIENT_NAME("client_name", JsonKind.STRING, true, true),
    GRANT_TYPES("grant_types", JsonKind.STRING_ARRAY, false, false),
    RESPONSE_TYPES("response_types", JsonKind.STRING_ARRAY, false, false),
    TOKEN_ENDPOINT_AUTH_METHOD("token_endpoint_auth_method", JsonKind.STRING, false, false),
    SCOPE("scope", JsonKind.STRING, false, false),
    JWKS_URI("jwks_uri", JsonKind.STRING, false, false),
    JWKS("jwks", JsonKind.OBJECT, false, false),
    SOFTWARE_ID("software_id", JsonKind.STRING, false, false),
    SOFTWARE_VERSION("software_version", JsonKind.STRING, false, false),
    SOFTWARE_STATEMENT("software_statement", JsonKind.STRING, false, false);

    /** The JSON type a member must have; nothing is coerced (a string is never a one-element array). */
    public enum JsonKind {
        STRING("a string"),
        STRING_ARRAY("an array of strings"),
        OBJECT("a JSON object");

        private final String description;

        JsonKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String jsonName;
    private final JsonKind kind;
    private final boolean required;
    private final boolean languageTaggable;

    MetadataMember(String jsonName, JsonKind kind, boolean required, boolean languageTaggable) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.required = required;
        this.languageTaggable = languageTaggable;
    }

    public String jsonName() {
        return jsonName;
    }

    public JsonKind kind() {
        return kind;
    }

    /** One of the seven members every registration path requires (policy section 2). */
    public boolean required() {
        return required;
    }

    /** Human-readable members that may have {@code name#language-tag} variants (RFC 7591 §2.2). */
    public boolean languageTaggable() {
        return languageTaggable;
    }

    /**
     * The member a JSON member name stands for: the member itself, or for a taggable member its
     * {@code name#tag} variant.
     */
    public static Optional<MetadataMember> forName(String name) {
        int hash = name.indexOf('#');
        String base = hash < 0 ? name : name.substring(0, hash);
        return Arrays.stream(values())
                .filter(m -> m.jsonName.equals(base) && (hash < 0 || m.languageTaggable))
                .findFirst();
    }
}
