package health.registration.core.connector;

import health.registration.core.issue.ClientChange;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Repairs drift between the registry and an authorization server both ways, for when change events were lost or
 * the server was changed behind the connector's back (docs/operations/authorization-server.md, "Keycloak"): every
 * visible client missing at the server, held there at an older version, or enabled when it should not be (or the
 * reverse) is written again; every client of this service the server holds and the registry does not show is removed.
 * Reads the registry through the status index, one page at a time, never a scan.
 */
public final class ClientReconcile {

    /** Every record's next check is before this, so a page "due by" it is every record of the status. */
    private static final Instant EVERY_RECORD = Instant.parse("9999-12-31T23:59:59Z");
    private static final int PAGE = 100;

    private final ClientStore registry;
    private final AuthorizationServerClients server;
    private final ChangeEventConnector connector;

    public ClientReconcile(ClientStore registry, AuthorizationServerClients server, ChangeEventConnector connector) {
        this.registry = Objects.requireNonNull(registry);
        this.server = Objects.requireNonNull(server);
        this.connector = Objects.requireNonNull(connector);
    }

    /** Compares and repairs; answers what it changed (nothing for clients already in step). */
    public List<ConnectorOutcome> run() {
        Map<String, ClientRecord> visible = new LinkedHashMap<>();
        for (ClientStatus status : ClientStatus.values()) {
            if (!status.visible()) {
                continue;
            }
            String cursor = null;
            do {
                ClientStore.DuePage page = registry.duePage(status, EVERY_RECORD, PAGE, cursor);
                page.records().forEach(record -> visible.put(record.clientId().value(), record));
                cursor = page.cursor();
            } while (cursor != null);
        }
        Map<String, AuthorizationServerClient.Listed> held = new LinkedHashMap<>();
        server.list().forEach(listed -> held.put(listed.clientId(), listed));

        List<ConnectorOutcome> repaired = new ArrayList<>();
        for (ClientRecord record : visible.values()) {
            AuthorizationServerClient.Listed listed = held.get(record.clientId().value());
            boolean enabled = record.status() != ClientStatus.SUSPENDED;
            if (listed == null || listed.version() < record.version() || listed.enabled() != enabled) {
                repaired.add(connector.write(record.clientId(), ClientChange.of(record)));
            }
        }
        for (AuthorizationServerClient.Listed listed : held.values()) {
            if (!visible.containsKey(listed.clientId())) {
                server.delete(listed.clientId());
                repaired.add(new ConnectorOutcome.Removed(listed.clientId(), listed.version()));
            }
        }
        return List.copyOf(repaired);
    }
}
