package health.registration.core.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.ClientStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operator's paginated listing of clients, by status (through the status index, never a scan) and optionally
 * only those whose last URL check failed on a given URL. The cursor names the status and the index position; a page
 * filtered by URL may hold fewer clients than the limit, and the listing ends when the cursor is absent.
 */
public final class ClientListing {

    /** The latest due time any record can have, for listing every record of a status. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");
    public static final int MAX_LIMIT = 100;

    private final ClientStore clients;
    private final IssuanceSettings settings;

    public ClientListing(ClientStore clients, IssuanceSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * @param status     one visible status, or empty for all of them in turn
     * @param failingUrl only clients whose last check found a problem with exactly this URL, or empty
     * @param limit      1 to {@link #MAX_LIMIT}
     * @param cursor     from the previous page, or empty for the first
     * @throws IllegalArgumentException for a cursor this listing did not write
     */
    public ObjectNode page(Optional<ClientStatus> status, Optional<String> failingUrl, int limit, Optional<String> cursor) {
        List<ClientStatus> statuses = status.map(List::of).orElse(ClientStatus.reverified());
        ClientStatus current = cursor.map(c -> ClientStatus.ofCode(c.substring(0, Math.max(0, c.indexOf(':')))))
                .orElse(statuses.get(0));
        if (!statuses.contains(current)) {
            throw new IllegalArgumentException("the cursor belongs to another listing");
        }
        String position = cursor.map(c -> c.substring(c.indexOf(':') + 1)).filter(p -> !p.isEmpty()).orElse(null);
        ClientStore.DuePage page = clients.duePage(current, END_OF_TIME, limit, position);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode items = answer.putArray("clients");
        for (ClientRecord client : page.records()) {
            boolean failing = failingUrl.isEmpty()
                    || client.checks().problems().stream().anyMatch(p -> failingUrl.get().equals(p.url()));
            if (failing) {
                items.add(OperatorView.of(client, settings.publicBaseUrl()));
            }
        }
        int next = statuses.indexOf(current) + 1;
        String nextCursor = page.cursor() != null ? current.code() + ":" + page.cursor()
                : next < statuses.size() ? statuses.get(next).code() + ":" : null;
        answer.put("next_cursor", nextCursor);
        return answer;
    }
}
