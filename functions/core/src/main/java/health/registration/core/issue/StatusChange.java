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
 *               {@code updated}, {@code suspended_by_operator}, {@code reinstated_by_operator},
 *               {@code certificate_revoked}, {@code certificate_invalid}
 */
public record StatusChange(Instant at, ClientStatus from, ClientStatus to, String reason) {

    public static final String URL_CHECK_FAILED = "url_check_failed";
    public static final String FAILURES_PERSISTED = "failures_persisted";
    public static final String URL_CHECKS_PASSED = "url_checks_passed";
    public static final String UPDATED = "updated";
    /** An operator suspended the client: only an operator reinstates it; passing checks and updates do not. */
    public static final String SUSPENDED_BY_OPERATOR = "suspended_by_operator";
    public static final String REINSTATED_BY_OPERATOR = "reinstated_by_operator";
    /**
     * An operator revoked the certificate a UDAP client is bound to: held like an operator's suspension, since
     * revoking is an operator's decision about the app.
     */
    public static final String CERTIFICATE_REVOKED = "certificate_revoked";
    /** Re-verification found the client's certificate expired or revoked: suspended at once, without a grace period. */
    public static final String CERTIFICATE_INVALID = "certificate_invalid";

    public StatusChange {
        Objects.requireNonNull(at);
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(reason);
    }
}
