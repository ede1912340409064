package health.registration.core.connector;

import java.util.Arrays;
import java.util.Optional;

/** How a client authenticates at the token endpoint: the RFC 7591 §2 {@code token_endpoint_auth_method} values. */
public enum ClientAuthentication {
    /** A public client (RFC 7591 §2: "none"). */
    NONE("none"),
    /** The client secret in HTTP Basic (RFC 6749 §2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** The client secret in the request body (RFC 6749 §2.3.1). */
    CLIENT_SECRET_POST("client_secret_post"),
    /** A JWT signed with the client's private key (RFC 7523 §2.2; UDAP IG STU2 §3.1). */
    PRIVATE_KEY_JWT("private_key_jwt");

    private final String wireName;

    ClientAuthentication(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code token_endpoint_auth_method} value. */
    public String wireName() {
        return wireName;
    }

    /** Whether the client proves itself with the secret the registration issued. */
    public boolean usesSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
    }

    /** The method named by a {@code token_endpoint_auth_method} value; empty for any other value. */
    public static Optional<ClientAuthentication> fromWireName(String value) {
        return Arrays.stream(values()).filter(method -> method.wireName.equals(value)).findFirst();
    }
}
