package health.registration.core.port;

import health.registration.core.issue.IdSource;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.RegistrationAccessToken;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Deterministic, well-formed identifiers and credentials: {@code client-000000000000001} (22 characters, the length
 * of 128 bits in base64url), and secrets and tokens of 43 characters (256 bits), each kind numbered from 1 in drawing order.
 * Ids queued with {@link #drawFirst} are drawn first, to provoke collisions. Remembers everything it issued.
 * Thread-safe.
 */
public final class SequentialIdSource implements IdSource {

    private final Deque<ClientId> queued = new ArrayDeque<>();
    private final List<ClientId> clientIds = new ArrayList<>();
    private final List<ClientSecret> secrets = new ArrayList<>();
    private final List<RegistrationAccessToken> tokens = new ArrayList<>();
    private int clientNumber;
    private int secretNumber;
    private int tokenNumber;

    /** The id numbered {@code n}, as this source draws it. */
    public static ClientId clientId(int n) {
        return new ClientId(numbered("client", n, 22));
    }

    /** Queues ids to be drawn before any numbered one. */
    public synchronized SequentialIdSource drawFirst(ClientId... ids) {
        queued.addAll(Arrays.asList(ids));
        return this;
    }

    @Override
    public synchronized ClientId newClientId() {
        ClientId id = queued.isEmpty() ? clientId(++clientNumber) : queued.poll();
        clientIds.add(id);
        return id;
    }

    @Override
    public synchronized ClientSecret newClientSecret() {
        ClientSecret secret = new ClientSecret(numbered("secret", ++secretNumber, 43));
        secrets.add(secret);
        return secret;
    }

    @Override
    public synchronized RegistrationAccessToken newRegistrationAccessToken() {
        RegistrationAccessToken token = new RegistrationAccessToken(numbered("token", ++tokenNumber, 43));
        tokens.add(token);
        return token;
    }

    public synchronized List<ClientId> issuedClientIds() {
        return List.copyOf(clientIds);
    }

    public synchronized List<ClientSecret> issuedSecrets() {
        return List.copyOf(secrets);
    }

    public synchronized List<RegistrationAccessToken> issuedTokens() {
        return List.copyOf(tokens);
    }

    /** The token drawn last. */
    public synchronized RegistrationAccessToken lastToken() {
        return tokens.get(tokens.size() - 1);
    }

    /** The secret drawn last. */
    public synchronized ClientSecret lastSecret() {
        return secrets.get(secrets.size() - 1);
    }

    private static String numbered(String prefix, int n, int length) {
        String number = Integer.toString(n);
        return prefix + "-" + "0".repeat(length - prefix.length() - 1 - number.length()) + number;
    }
}
