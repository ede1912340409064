package health.registration.core.operator;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing an operator did, for the audit trail (an EventBridge event and a structured log line): who, what, to
 * which client or certificate, and how it ended. Never carries a secret, a token or key material.
 *
 * @param action  what was asked: {@code client.register}, {@code client.update}, {@code client.delete},
 *                {@code client.suspend}, {@code client.reinstate}, {@code certificate.issue},
 *                {@code certificate.revoke}
 * @param caller  the IAM principal (API Gateway's {@code requestContext.identity.userArn}), or {@code local-operator}
 * @param subject the client id or certificate serial, or null when none was made
 * @param outcome {@code done}, {@code refused}, {@code not_found} or {@code conflict}
 * @param at          when
 * @param developerId for a certificate action, the developer the certificate is (to be) bound to, when known; else null
 */
public record OperatorAction(String action, String caller, String subject, String outcome, Instant at,
                             String developerId) {

    public static final String SOURCE = "health.registration.operator";
    public static final String DETAIL_TYPE = "OperatorAction";

    public OperatorAction {
        Objects.requireNonNull(action);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(at);
    }

    /** An action without a developer: every client action. */
    public OperatorAction(String action, String caller, String subject, String outcome, Instant at) {
        this(action, caller, subject, outcome, at, null);
    }
}
