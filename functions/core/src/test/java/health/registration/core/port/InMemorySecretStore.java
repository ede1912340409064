package health.registration.core.port;

import health.registration.core.issue.SecretStore;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client secrets in memory, behaving as Secrets Manager does for this service: one secret per client, creation
 * safe to retry with the same value, a scheduled deletion hides the secret at once. Records what was scheduled and
 * destroyed. Thread-safe.
 */
public final class InMemorySecretStore implements SecretStore {

    /** The ARN prefix of every secret this store holds; the client id and a sequence number follow. */
    public static final String ARN_PREFIX = "arn:aws:secretsmanager:eu-west-2:000000000000:secret:client-secret/";

    private record Kept(ClientSecret secret, String arn, boolean scheduled) {}

    private final Map<ClientId, Kept> kept = new LinkedHashMap<>();
    private final List<ClientId> scheduledLog = new ArrayList<>();
    private final List<ClientId> destroyedLog = new ArrayList<>();
    private int created;

    @Override
    public synchronized String create(ClientId clientId, ClientSecret secret) {
        Kept existing = kept.get(clientId);
        if (existing != null) {
            if (!existing.scheduled() && existing.secret().value().equals(secret.value())) {
                return existing.arn();
            }
            throw new WriteConflict("the client has another secret, or one scheduled for deletion");
        }
        String arn = ARN_PREFIX + clientId.value() + "-" + (++created);
        kept.put(clientId, new Kept(secret, arn, false));
        return arn;
    }

    @Override
    public synchronized Optional<ClientSecret> read(ClientId clientId) {
        return Optional.ofNullable(kept.get(clientId)).filter(k -> !k.scheduled()).map(Kept::secret);
    }

    @Override
    public synchronized void scheduleDeletion(ClientId clientId) {
        Kept existing = kept.get(clientId);
        if (existing != null && !existing.scheduled()) {
            kept.put(clientId, new Kept(existing.secret(), existing.arn(), true));
            scheduledLog.add(clientId);
        }
    }

    @Override
    public synchronized void destroy(ClientId clientId) {
        if (kept.remove(clientId) != null) {
            destroyedLog.add(clientId);
        }
    }

    /** The secrets not scheduled for deletion, by client. */
    public synchronized Map<ClientId, ClientSecret> secrets() {
        Map<ClientId, ClientSecret> live = new LinkedHashMap<>();
        kept.forEach((id, k) -> {
            if (!k.scheduled()) {
                live.put(id, k.secret());
            }
        });
        return live;
    }

    /** The clients whose secret is scheduled for deletion (and not yet destroyed). */
    public synchronized Set<ClientId> scheduled() {
        Set<ClientId> found = new LinkedHashSet<>();
        kept.forEach((id, k) -> {
            if (k.scheduled()) {
                found.add(id);
            }
        });
        return found;
    }

    /** Every client whose secret was scheduled for deletion, in order. */
    public synchronized List<ClientId> scheduledDeletions() {
        return List.copyOf(scheduledLog);
    }

    /** Every client whose secret was destroyed at once, in order. */
    public synchronized List<ClientId> destroyed() {
        return List.copyOf(destroyedLog);
    }

    /** The ARN of the client's secret, scheduled or not. */
    public synchronized Optional<String> arnOf(ClientId clientId) {
        return Optional.ofNullable(kept.get(clientId)).map(Kept::arn);
    }

    /** How many secrets are held, scheduled ones included. */
    public synchronized int size() {
        return kept.size();
    }
}
