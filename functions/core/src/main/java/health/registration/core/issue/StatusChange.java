package health.registration.core.issue;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a client's status history: what changed its status, when.
 *
 * @param at     when
 * @param from   the status before
 * @param to     the status after
 * @param reason why, as a code: {@code url_check_failed}, {@code failures_persisted}, {@code url_checks_passed},
 *               {@code updated}
 */
public record StatusChange(Instant at, ClientStatus from, ClientStatus to, String reason) {

    public static final String URL_CHECK_FAILED = "url_check_failed";
    public static final String FAILURES_PERSISTED = "failures_persisted";
    public static final String URL_CHECKS_PASSED = "url_checks_passed";
    public static final String UPDATED = "updated";

    public StatusChange {
        Objects.requireNonNull(at);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(reason);
    }
}
