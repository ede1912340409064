package health.registration.core.connector;

import java.util.List;
import java.util.Optional;

/**
 * Port: the clients an authorization server (a Keycloak realm, for one) knows, kept in step with the registry so
 * that a registered client's credentials work at that server's token endpoint (docs/operations/keycloak.md). Every
 * call is idempotent, so a connector can repeat it after a failure.
 *
 * @see AuthorizationServerUnavailable thrown by every method when the server cannot be reached or answers with an
 *     error; the caller retries later
 */
public interface AuthorizationServerClients {

    /** Creates the client, or replaces what the server holds for its {@code client_id}. */
    void upsert(AuthorizationServerClient client);

    /** Enables or disables the client; false when the server has no client with that {@code client_id}. */
    boolean setEnabled(String clientId, boolean enabled);

    /** Removes the client; false when it was already gone. */
    boolean delete(String clientId);

    /** Every client this service put there (never the server's own clients), for a reconcile. */
    List<AuthorizationServerClient.Listed> list();

    /** One of this service's clients, with the version last written there; empty when the server has none. */
    default Optional<AuthorizationServerClient.Listed> find(String clientId) {
        return list().stream().filter(listed -> listed.clientId().equals(clientId)).findFirst();
    }
}
