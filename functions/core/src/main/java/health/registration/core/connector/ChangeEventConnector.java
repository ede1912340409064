package health.registration.core.connector;

import health.registration.core.issue.ClientChange;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.ClientStatus;
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
 * "Change events"). Every event carries the client as it is after the change, so applying one is writing that state:
 * a visible client is created or replaced (disabled while suspended, so a suspension disables and a reinstatement
 * enables it), a client that is gone is removed. The server keeps the version it was written with, and an event
 * whose version is not newer is dropped, so repeats and late older states change nothing ("Ordering and repeats").
 *
 * <p>The secret never travels in an event: for a {@code client_secret_*} client it is read from the secret store, so
 * the client's one credential works at both (RFC 7591 §3.2.1). A {@code private_key_jwt} client's keys are its
 * {@code jwks}, or for a UDAP client its certificate's key (UDAP DCR §5.1, IG STU2 §3.1).
 *
 * @see AuthorizationServerUnavailable thrown through when the server cannot be reached; the caller retries
 */
public final class ChangeEventConnector {

    /** RFC 7591 §2: the method when the metadata names none. */
    private static final ClientAuthentication DEFAULT_AUTHENTICATION = ClientAuthentication.CLIENT_SECRET_BASIC;

    private final AuthorizationServerClients server;
    private final SecretStore secrets;

    public ChangeEventConnector(AuthorizationServerClients server, SecretStore secrets) {
        this.server = Objects.requireNonNull(server);
        this.secrets = Objects.requireNonNull(secrets);
    }

    /** Applies one change event: its client's state, unless the server holds that version or a newer one. */
    public ConnectorOutcome apply(LifecycleEvent event) {
        String clientId = event.clientId().value();
        ClientChange change = event.change();
        if (change == null) {
            return new ConnectorOutcome.Unsupported(clientId, "the event carries no client state");
        }
        Optional<AuthorizationServerClient.Listed> held = server.find(clientId);
        if (held.isPresent() && held.get().version() >= change.version()) {
            return new ConnectorOutcome.Stale(clientId, change.version(), held.get().version());
        }
        if (event.type() == LifecycleEvent.Type.DELETED || !change.status().visible()) {
            server.delete(clientId);
            return new ConnectorOutcome.Removed(clientId, change.version());
        }
        return write(event.clientId(), change);
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
