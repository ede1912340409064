package health.registration.core.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client as an authorization server must know it to authenticate it: the same {@code client_id}, the
 * same secret (for {@code client_secret_*}) or the client's public keys (for {@code private_key_jwt}), its redirect
 * URIs and grant types, and whether it may get tokens at all (a suspended client may not).
 *
 * @param clientId the registration's {@code client_id}
 * @param authentication its {@code token_endpoint_auth_method}
 * @param secret the issued {@code client_secret}; present exactly when {@code authentication} uses one
 * @param jwks the client's JWK Set as JSON text (RFC 7591 §2 {@code jwks}; for a UDAP client, the key of its
 *     certificate); present exactly for {@code private_key_jwt}
 * @param redirectUris the registered {@code redirect_uris}
 * @param grantTypes the registered {@code grant_types} (RFC 7591 §2 values)
 * @param enabled false while the client is suspended
 * @param version the registry version this state comes from (docs/operations/authorization-server.md, "Ordering and
 *     repeats"), kept by the server so that an older state never overwrites a newer one; 0 when unknown
 */
public record AuthorizationServerClient(
        String clientId,
        ClientAuthentication authentication,
        Optional<String> secret,
        Optional<String> jwks,
        List<String> redirectUris,
        Set<String> grantTypes,
        boolean enabled,
        long version) {

    /** A client whose registry version is unknown (0). */
    public AuthorizationServerClient(String clientId, ClientAuthentication authentication, Optional<String> secret,
            Optional<String> jwks, List<String> redirectUris, Set<String> grantTypes, boolean enabled) {
        this(clientId, authentication, secret, jwks, redirectUris, grantTypes, enabled, 0);
    }

    public AuthorizationServerClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(authentication, "authentication");
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Set.copyOf(grantTypes);
        if (secret.isPresent() != authentication.usesSecret()) {
            throw new IllegalArgumentException("a client secret goes with client_secret_basic or client_secret_post"
                    + " only, and those need one (" + authentication.wireName() + ")");
        }
        if (jwks.isPresent() != (authentication == ClientAuthentication.PRIVATE_KEY_JWT)) {
            throw new IllegalArgumentException("jwks goes with private_key_jwt only, and private_key_jwt needs it");
        }
    }

    /** Never the secret: records print their components, and this one may reach a log line. */
    @Override
    public String toString() {
        return "AuthorizationServerClient[clientId=" + clientId + ", authentication=" + authentication.wireName()
                + ", redirectUris=" + redirectUris + ", grantTypes=" + grantTypes + ", enabled=" + enabled
                + ", version=" + version + "]";
    }

    /**
     * What a listing of the server tells about one of this service's clients.
     *
     * @param version the registry version last written there; 0 when none was
     */
    public record Listed(String clientId, boolean enabled, long version) {

        /** A client listed without a version (0). */
        public Listed(String clientId, boolean enabled) {
            this(clientId, enabled, 0);
        }
    }
}
