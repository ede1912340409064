package health.registration.core.issue;

import health.registration.core.probe.ProbeReport;
import java.time.Instant;
import java.util.Objects;

/**
 * When a client's URLs were last probed, what that found, and when they are due again. {@code nextCheckAt} is the
 * sort key of the table's status index, so re-verification selects due clients without a scan.
 *
 * @param lastCheckedAt when the URLs were last probed, or null
 * @param lastReport    what that probe found, or null
 * @param nextCheckAt   when the client is due: the next re-verification, or for a pending client when the cleanup
 *                      may remove it
 */
public record UrlChecks(Instant lastCheckedAt, ProbeReport lastReport, Instant nextCheckAt) {

    public UrlChecks {
        Objects.requireNonNull(nextCheckAt);
    }
}
