package health.registration.core.port;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client records in memory, with the conditions of the DynamoDB table: every write is conditional on the
 * stored version, every read sees the latest write. Thread-safe.
 */
public final class InMemoryClientStore implements ClientStore {

    private final Map<ClientId, ClientRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized void create(ClientRecord record) {
        if (records.containsKey(record.clientId())) {
            throw new WriteConflict("a client with this id exists");
        }
        records.put(record.clientId(), record);
    }

    @Override
    public synchronized Optional<ClientRecord> find(ClientId clientId) {
        return Optional.ofNullable(records.get(clientId));
    }

    @Override
    public synchronized void replace(ClientRecord replacement) {
        ClientRecord stored = records.get(replacement.clientId());
        if (stored == null || stored.version() != replacement.version() - 1) {
            throw new WriteConflict("the stored record is not the one this replaces");
        }
        records.put(replacement.clientId(), replacement);
    }

    @Override
    public synchronized void delete(ClientId clientId, long expectedVersion) {
        ClientRecord stored = records.get(clientId);
        if (stored == null || stored.version() != expectedVersion) {
            throw new WriteConflict("the stored record is not the version to delete");
        }
        records.remove(clientId);
    }

    @Override
    public synchronized List<ClientRecord> due(ClientStatus status, Instant dueBy, int limit) {
        return records.values().stream()
                .filter(r -> r.status() == status && !r.checks().nextCheckAt().isAfter(dueBy))
                .sorted(Comparator.comparing((ClientRecord r) -> r.checks().nextCheckAt()))
                .limit(limit)
                .toList();
    }

    /** Every record, in the order they were first written. */
    public synchronized List<ClientRecord> all() {
        return new ArrayList<>(records.values());
    }

    /** The records with a status. */
    public synchronized List<ClientRecord> withStatus(ClientStatus status) {
        return records.values().stream().filter(r -> r.status() == status).toList();
    }

    public synchronized int size() {
        return records.size();
    }
}
