package health.registration.certificates;

import health.registration.core.certificate.CertificateActions;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.port.StoreUnavailable;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.RequestLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit of the certificate routes, on the one audit trail of operator actions ({@link OperatorAuditLog}): every
 * ownership challenge, issuance, revocation and refusal is one {@link OperatorAction}
 * ({@code certificate.challenge}, {@code certificate.issue}, {@code certificate.revoke}) naming the IAM caller, the
 * developer and the request, written as a structured log line and, when an event bus is configured, published.
 * Public facts only: serial, client URI, authority, reason, developer, never a CSR, certificate body, key or
 * challenge token. Recording on the bus is best effort after the action: a failure is logged and the action stands.
 */
final class CertificateAuditTrail {

    static final String ISSUE = CertificateActions.ISSUE;
    static final String REVOKE = CertificateActions.REVOKE;
    static final String CHALLENGE = CertificateActions.CHALLENGE;

    private final Optional<OperatorAudit> audit;
    private final Clock clock;

    CertificateAuditTrail(Optional<OperatorAudit> audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** A certificate was issued or revoked. */
    void done(OperatorAction action, String requestId, RequestLog log) {
        record(action.forRequest(requestId), log);
    }

    /** A revocation suspended the clients bound to the certificate: one entry naming them, for the operator. */
    void suspended(OperatorAction revocation, List<String> clientIds, String requestId, RequestLog log) {
        record(revocation.forRequest(requestId).suspending(clientIds), log);
    }

    /** An ownership challenge was issued for the developer and client URI (the token is never written). */
    void challenged(String caller, String developerId, String sanUri, String requestId, RequestLog log) {
        record(new OperatorAction(CHALLENGE, caller, null, OperatorAction.DONE, clock.instant(), developerId, requestId,
                Map.of("san_uri", sanUri), List.of()), log);
    }

    /**
     * Nothing changed: the request was refused, named no certificate, or the certificate was revoked already.
     *
     * @param developerId the developer the request named or the certificate is bound to, or null when unknown
     */
    void notDone(String action, String caller, String serial, String outcome, String requestId, String developerId,
                 RequestLog log) {
        record(new OperatorAction(action, caller, serial, outcome, clock.instant(), developerId).forRequest(requestId), log);
    }

    private void record(OperatorAction action, RequestLog log) {
        try {
            new OperatorAuditLog(audit.orElse(null), () -> log).record(action);
        } catch (StoreUnavailable unrecorded) {
            log.warn("audit event not recorded: " + unrecorded.getMessage());
        }
    }
}
