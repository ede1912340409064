package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;

/**
 * The manual path's relaxations (policy section 1), each the valid open-path fixture ({@link ValidMetadata}) with the
 * members one relaxation needs: every one is accepted by {@code Policies.manualRegistration()} and refused by
 * {@code Policies.openDynamicRegistration()}.
 */
public final class ValidManualMetadata {

    /** One relaxation, with whether the client authenticates with a secret and what the open path refuses first. */
    public enum Relaxation {
        PRIVATE_USE_REDIRECT("a private-use redirect URI (RFC 8252 section 7.1)", true, "/redirect_uris/0"),
        LOOPBACK_REDIRECT_WITH_PORT("a loopback redirect URI with a port (RFC 8252 section 7.3)", true, "/redirect_uris/0"),
        IPV6_LOOPBACK_REDIRECT_WITH_PORT("an IPv6 loopback redirect URI with a port", true, "/redirect_uris/0"),
        CLIENT_CREDENTIALS_WITH_SECRET("client_credentials with client_secret_basic", true, "/grant_types/0"),
        CLIENT_CREDENTIALS_WITH_JWKS("client_credentials with private_key_jwt and jwks", false, "/grant_types/0"),
        CLIENT_CREDENTIALS_WITH_JWKS_URI("client_credentials with private_key_jwt and jwks_uri", false, "/grant_types/0"),
        PUBLIC_CLIENT("a public client (none) of the authorization code flow", false, "/token_endpoint_auth_method"),
        NATIVE_APP("a native public client: private-use and loopback redirect URIs, none", false, "/redirect_uris/0");

        private final String description;
        private final boolean secretIssued;
        private final String openRefusal;

        Relaxation(String description, boolean secretIssued, String openRefusal) {
            this.description = description;
            this.secretIssued = secretIssued;
            this.openRefusal = openRefusal;
        }

        public String description() {
            return description;
        }

        /** True when the client authenticates with a client secret, so registration issues one. */
        public boolean secretIssued() {
            return secretIssued;
        }

        /** The pointer of a problem the open path reports for it. */
        public String openRefusal() {
            return openRefusal;
        }

        @Override
        public String toString() {
            return name() + " (" + description + ")";
        }
    }

    public static final String PRIVATE_USE_REDIRECT = "com.example.app:/callback";
    public static final String LOOPBACK_REDIRECT = "http://127.0.0.1:51004/callback";
    public static final String IPV6_LOOPBACK_REDIRECT = "http://[::1]:8080/callback";
    public static final String JWKS_URI = "https://app.example.com/jwks.json";

    private ValidManualMetadata() {}

    /** A fresh copy of the relaxation's fixture as JSON. */
    public static ObjectNode json(Relaxation relaxation) {
        ObjectNode json = ValidMetadata.json();
        switch (relaxation) {
            case PRIVATE_USE_REDIRECT -> json.putArray("redirect_uris").add(PRIVATE_USE_REDIRECT);
            case LOOPBACK_REDIRECT_WITH_PORT -> json.putArray("redirect_uris").add(LOOPBACK_REDIRECT);
            case IPV6_LOOPBACK_REDIRECT_WITH_PORT -> json.putArray("redirect_uris").add(IPV6_LOOPBACK_REDIRECT);
            case CLIENT_CREDENTIALS_WITH_SECRET -> {
                json.putArray("grant_types").add("client_credentials");
                json.put("token_endpoint_auth_method", "client_secret_basic");
            }
            case CLIENT_CREDENTIALS_WITH_JWKS -> {
                json.putArray("grant_types").add("client_credentials");
                json.put("token_endpoint_auth_method", "private_key_jwt");
                ValidMetadata.set(json, "jwks", TestJwks.set("P256"));
            }
            case CLIENT_CREDENTIALS_WITH_JWKS_URI -> {
                json.putArray("grant_types").add("client_credentials");
                json.put("token_endpoint_auth_method", "private_key_jwt");
                json.put("jwks_uri", JWKS_URI);
            }
            case PUBLIC_CLIENT -> json.put("token_endpoint_auth_method", "none");
            case NATIVE_APP -> {
                json.putArray("redirect_uris").add(PRIVATE_USE_REDIRECT).add(LOOPBACK_REDIRECT).add(IPV6_LOOPBACK_REDIRECT);
                json.put("token_endpoint_auth_method", "none");
            }
        }
        return json;
    }

    public static ClientMetadata metadata(Relaxation relaxation) {
        return ClientMetadata.of(json(relaxation));
    }

    /** The relaxation's fixture with one member set to a JSON value; null removes it. */
    public static ClientMetadata with(Relaxation relaxation, String member, String jsonValue) {
        return ClientMetadata.of(ValidMetadata.set(json(relaxation), member, jsonValue));
    }
}
