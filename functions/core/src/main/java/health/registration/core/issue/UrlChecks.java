package health.registration.core.issue;

import health.registration.core.probe.ProbeReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A client's URL checks: when its URLs were last probed and what that found, when they are due again, how long they
 * have been failing, the status history and the events not yet published. {@code nextCheckAt} is the sort key of the
 * table's status index, so re-verification selects due clients without a scan.
 *
 * @param lastCheckedAt       when the URLs were last probed, or null
 * @param lastReport          what that probe found, or null
 * @param nextCheckAt         when the client is due: the next re-verification, or for a pending client when the
 *                            cleanup may remove it
 * @param consecutiveFailures failed checks in a row (0 when the last one passed)
 * @param firstFailedAt       when the failures in a row began, or null
 * @param problems            why the last check failed; empty when it passed
 * @param lastRunId           the re-verification run that last checked the client, or null; a run that restarts
 *                            skips the clients it already checked
 * @param history             status changes, oldest first, at most {@link #HISTORY_LIMIT}
 * @param pendingEvents       events written with the record and not yet published
 */
public record UrlChecks(Instant lastCheckedAt, ProbeReport lastReport, Instant nextCheckAt, int consecutiveFailures,
                        Instant firstFailedAt, List<CheckProblem> problems, String lastRunId, List<StatusChange> history,
                        List<LifecycleEvent> pendingEvents) {

    /** Status changes kept per client; older ones are dropped. */
    public static final int HISTORY_LIMIT = 20;

    public UrlChecks {
        Objects.requireNonNull(nextCheckAt);
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures cannot be negative");
        }
        problems = List.copyOf(problems);
        history = List.copyOf(history.subList(Math.max(0, history.size() - HISTORY_LIMIT), history.size()));
        pendingEvents = List.copyOf(pendingEvents);
    }

    /** Checks of a client never failed, with no history. */
    public UrlChecks(Instant lastCheckedAt, ProbeReport lastReport, Instant nextCheckAt) {
        this(lastCheckedAt, lastReport, nextCheckAt, 0, null, List.of(), null, List.of(), List.of());
    }

    /**
     * After a review that passed (a registration update, a UDAP modification): the URLs all pass as of now, so the
     * failures are forgotten; the history and unpublished events are kept.
     */
    public UrlChecks reviewed(Instant now, ProbeReport report, Instant next) {
        return new UrlChecks(now, report, next, 0, null, List.of(), lastRunId, history, pendingEvents);
    }

    /** The same checks due at another time. */
    public UrlChecks dueAt(Instant next) {
        return new UrlChecks(lastCheckedAt, lastReport, next, consecutiveFailures, firstFailedAt, problems, lastRunId,
                history, pendingEvents);
    }

    /** The same checks with a status change added to the history. */
    public UrlChecks withChange(StatusChange change) {
        List<StatusChange> longer = new ArrayList<>(history);
        longer.add(change);
        return new UrlChecks(lastCheckedAt, lastReport, nextCheckAt, consecutiveFailures, firstFailedAt, problems,
                lastRunId, longer, pendingEvents);
    }

    /** The same checks with more events to publish. */
    public UrlChecks withEvents(List<LifecycleEvent> events) {
        List<LifecycleEvent> more = new ArrayList<>(pendingEvents);
        more.addAll(events);
        return new UrlChecks(lastCheckedAt, lastReport, nextCheckAt, consecutiveFailures, firstFailedAt, problems,
                lastRunId, history, more);
    }

    /** The same checks with every pending event published. */
    public UrlChecks published() {
        return new UrlChecks(lastCheckedAt, lastReport, nextCheckAt, consecutiveFailures, firstFailedAt, problems,
                lastRunId, history, List.of());
    }
}
