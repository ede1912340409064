package health.registration.core.connector;

import health.registration.core.issue.ClientChange;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.SecretStore;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps an authorization server's clients in step with the change events (docs/operations/authorization-server.md,
 * "Change events"). An event is a trigger: applying it writes the client's <em>current</em> state, read from the
 * registry, never the state the event carries. A visible client is created or replaced (disabled while suspended, so
 * a suspension disables and a reinstatement enables it); a client the registry no longer shows (deleted, or being
 * deleted) is removed. So an older event arriving late, even after the client's {@code ClientDeleted}, can never bring
 * back or overwrite an older state: it writes what the registry holds now, and a client that is gone stays gone. The
 * server keeps the version it was written with, and nothing is written when it already holds the registry's version
 * or a newer one, so repeats change nothing ("Ordering and repeats").
 *
 * <p>The secret never travels in an event: for a {@code client_secret_*} client it is read from the secret store, so
 * the client's one credential works at both (RFC 7591 §3.2.1). A {@code private_key_jwt} client's keys are its
 * {@code jwks}, or for a UDAP client its certificate's key (UDAP DCR §5.1, IG STU2 §3.1).
 *
 * @see AuthorizationServerUnavailable thrown through when the server cannot be reached; the caller retries
 * @see health.registration.core.port.StoreUnavailable thrown through when the registry cannot be read; the caller
 *     retries
 */
public final class ChangeEventConnector {

    /** RFC 7591 §2: the method when the metadata names none. */
    private static final ClientAuthentication DEFAULT_AUTHENTICATION = ClientAuthentication.CLIENT_SECRET_BASIC;

    private final ClientStore registry;
    private final AuthorizationServerClients server;
    private final SecretStore secrets;

    public ChangeEventConnector(ClientStore registry, AuthorizationServerClients server, SecretStore secrets) {
        this.registry = Objects.requireNonNull(registry);
        this.server = Objects.requireNonNull(server);
        this.secrets = Objects.requireNonNull(secrets);
    }

    /**
     * Applies one change event: writes its client's current registry state, unless the server holds that version or
     * a newer one; removes the client when the registry no longer shows it.
     */
    public ConnectorOutcome apply(LifecycleEvent event) {
        ClientId id = event.clientId();
        Optional<ClientRecord> current = registry.find(id).filter(record -> record.status().visible());
        if (current.isEmpty()) {
            boolean removed = server.delete(id.value());
            long version = event.change() == null ? 0 : event.change().version();
            return removed ? new ConnectorOutcome.Removed(id.value(), version)
                    : new ConnectorOutcome.Absent(id.value(), version);
        }
        ClientRecord record = current.get();
        Optional<AuthorizationServerClient.Listed> held = server.find(id.value());
        if (held.isPresent() && held.get().version() >= record.version()) {
            return new ConnectorOutcome.Stale(id.value(), record.version(), held.get().version());
        }
        return write(id, ClientChange.of(record));
    }

    /**
     * Creates or replaces the client with the state of a change, whatever the server holds (a reconcile has already
     * compared versions).
     */
    ConnectorOutcome write(ClientId id, ClientChange change) {
        String clientId = id.value();
        ClientMetadata metadata = change.metadata();
        String method = metadata.text(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD)
                .orElse(DEFAULT_AUTHENTICATION.wireName());
        Optional<ClientAuthentication> authentication = ClientAuthentication.fromWireName(method);
        if (authentication.isEmpty()) {
            return new ConnectorOutcome.Unsupported(clientId, "token_endpoint_auth_method " + method);
        }
        Optional<String> secret = Optional.empty();
        if (authentication.get().usesSecret()) {
            secret = secrets.read(id).map(ClientSecret::value);
            if (secret.isEmpty()) {
                return new ConnectorOutcome.SecretMissing(clientId, change.version());
            }
        }
        Optional<String> jwks = Optional.empty();
        if (authentication.get() == ClientAuthentication.PRIVATE_KEY_JWT) {
            jwks = keys(change);
            if (jwks.isEmpty()) {
                return new ConnectorOutcome.Unsupported(clientId,
                        "private_key_jwt without jwks or a usable certificate key");
            }
        }
        boolean enabled = change.status() != ClientStatus.SUSPENDED;
        server.upsert(new AuthorizationServerClient(clientId, authentication.get(), secret, jwks,
                metadata.valuesOrDefault(MetadataMember.REDIRECT_URIS, List.of()),
                new LinkedHashSet<>(metadata.valuesOrDefault(MetadataMember.GRANT_TYPES,
                        ClientMetadata.DEFAULT_GRANT_TYPES)),
                enabled, change.version()));
        return new ConnectorOutcome.Written(clientId, change.version(), enabled);
    }

    /** The registered {@code jwks} (RFC 7591 §2), else a UDAP client's certificate key. */
    private static Optional<String> keys(ClientChange change) {
        Optional<String> registered = change.metadata().get(MetadataMember.JWKS.jsonName())
                .filter(jwks -> jwks.isObject()).map(Object::toString);
        if (registered.isPresent()) {
            return registered;
        }
        return Optional.ofNullable(change.certificate())
                .flatMap(binding -> CertificateKeySet.of(binding.certificate()));
    }
}
