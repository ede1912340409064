package health.registration.core.issue;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a client is after a change, as an authorization server needs it (docs/operations/authorization-server.md,
 * "Change events"): every event of a client carries one, so a consumer that applies the newest version it has seen
 * and drops the rest is in step with the registry. Holds no secret and no token: only the members of
 * {@link #AUTHORIZATION_MEMBERS} are kept from the metadata, and the certificate binding is public.
 *
 * @param version         the client record's version the change wrote; grows with every write of that client
 * @param path            how the client registered
 * @param status          its status after the change
 * @param changedAt       when
 * @param metadata        the members of {@link #AUTHORIZATION_MEMBERS} the client has
 * @param secretExpiresAt {@code client_secret_expires_at} (RFC 7591 §3.2.1): seconds since the epoch, 0 for never;
 *                        null when the client has no secret
 * @param certificate     a UDAP client's certificate binding (UDAP DCR §5.1), or null
 */
public record ClientChange(long version, RegistrationPath path, ClientStatus status, Instant changedAt,
                           ClientMetadata metadata, Long secretExpiresAt, CertificateBinding certificate) {

    /**
     * The metadata an authorization server needs to authenticate the client and issue it tokens (RFC 7591 §2). Never
     * a server-set member: the secret and the registration access token are not metadata.
     */
    public static final List<MetadataMember> AUTHORIZATION_MEMBERS = List.of(MetadataMember.CLIENT_NAME,
            MetadataMember.REDIRECT_URIS, MetadataMember.GRANT_TYPES, MetadataMember.RESPONSE_TYPES,
            MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD, MetadataMember.TOKEN_ENDPOINT_AUTH_SIGNING_ALG,
            MetadataMember.SCOPE, MetadataMember.JWKS, MetadataMember.JWKS_URI);

    public ClientChange {
        Objects.requireNonNull(path);
        Objects.requireNonNull(status);
        Objects.requireNonNull(changedAt);
        metadata = authorizationMetadata(Objects.requireNonNull(metadata));
    }

    /** The client as a record holds it: its version, status and last change. */
    public static ClientChange of(ClientRecord client) {
        Credentials credentials = client.credentials();
        return new ClientChange(client.version(), client.path(), client.status(), client.updatedAt(), client.metadata(),
                credentials.secretArn() == null ? null : credentials.secretExpiresAt(), credentials.certificate());
    }

    /** Equal when every component is, the metadata compared as JSON. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientChange that && version == that.version && path == that.path
                && status == that.status && changedAt.equals(that.changedAt)
                && metadata.toJson().equals(that.metadata.toJson())
                && Objects.equals(secretExpiresAt, that.secretExpiresAt) && Objects.equals(certificate, that.certificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, path, status, changedAt, metadata.toJson(), secretExpiresAt, certificate);
    }

    @Override
    public String toString() {
        return "ClientChange[version=" + version + ", path=" + path.code() + ", status=" + status.code() + ", changedAt="
                + changedAt + ", metadata=" + metadata.toJson() + ", secretExpiresAt=" + secretExpiresAt
                + ", certificate=" + certificate + "]";
    }

    /** Only the members of {@link #AUTHORIZATION_MEMBERS}, so nothing else ever reaches an event. */
    private static ClientMetadata authorizationMetadata(ClientMetadata metadata) {
        List<String> names = AUTHORIZATION_MEMBERS.stream().map(MetadataMember::jsonName).toList();
        return metadata.without(metadata.names().stream().filter(name -> !names.contains(name)).toList());
    }
}
