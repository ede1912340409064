package health.registration.core.port;

import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.AuthorizationServerClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An authorization server's clients in memory, keeping what was written, as a realm would. */
public final class InMemoryAuthorizationServerClients implements AuthorizationServerClients {

    private final Map<String, AuthorizationServerClient> clients = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void upsert(AuthorizationServerClient client) {
        calls.add("upsert " + client.clientId());
        clients.put(client.clientId(), client);
    }

    @Override
    public synchronized boolean setEnabled(String clientId, boolean enabled) {
        calls.add("setEnabled " + clientId);
        AuthorizationServerClient held = clients.get(clientId);
        if (held == null) {
            return false;
        }
        clients.put(clientId, new AuthorizationServerClient(held.clientId(), held.authentication(), held.secret(),
                held.jwks(), held.redirectUris(), held.grantTypes(), enabled, held.version()));
        return true;
    }

    @Override
    public synchronized boolean delete(String clientId) {
        calls.add("delete " + clientId);
        return clients.remove(clientId) != null;
    }

    @Override
    public synchronized List<AuthorizationServerClient.Listed> list() {
        return clients.values().stream()
                .map(c -> new AuthorizationServerClient.Listed(c.clientId(), c.enabled(), c.version())).toList();
    }

    /** What the server holds for the client. */
    public synchronized Optional<AuthorizationServerClient> held(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The changing calls made, in order ("upsert id", "delete id", "setEnabled id"). */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
