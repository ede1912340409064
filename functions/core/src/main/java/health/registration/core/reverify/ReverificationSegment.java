package health.registration.core.reverify;

import health.registration.core.issue.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Part of a run's work, handed to a worker: the clients to check, and the run they belong to. A worker skips those
 * no longer due or already checked by the run, so a segment delivered twice checks nobody twice.
 *
 * @param runId     the run
 * @param runAt     when the run was scheduled; clients due by then are checked
 * @param clientIds the clients, at most the segment size
 */
public record ReverificationSegment(String runId, Instant runAt, List<ClientId> clientIds) {

    public ReverificationSegment {
        Objects.requireNonNull(runId);
        Objects.requireNonNull(runAt);
        clientIds = List.copyOf(clientIds);
    }
}
