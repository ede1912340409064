package health.registration.core.port;

import health.registration.core.issue.ClientStore;
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

    /** The cursor is the due time and client id of the page's last record, in the order pages are sorted. */
    @Override
    public synchronized DuePage duePage(ClientStatus status, Instant dueBy, int limit, String cursor) {
        List<ClientRecord> after = records.values().stream()
                .filter(r -> r.status() == status && !r.checks().nextCheckAt().isAfter(dueBy))
                .filter(r -> cursor == null || sortKey(r).compareTo(cursor) > 0)
                .sorted(Comparator.comparing(InMemoryClientStore::sortKey))
                .toList();
        List<ClientRecord> page = after.subList(0, Math.min(limit, after.size()));
        return new DuePage(page, after.size() > limit ? sortKey(page.get(page.size() - 1)) : null);
    }

    private static String sortKey(ClientRecord record) {
        return String.format("%019d|%s", record.checks().nextCheckAt().toEpochMilli(), record.clientId().value());
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
