package health.registration.certificates;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.CertificateAuditEvent;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorAudit;
import health.registration.core.port.StoreUnavailable;
import java.time.Clock;
import java.util.Optional;

/**
 * The audit of the certificate routes: every ownership challenge, issuance, revocation and refusal is one structured
 * log line naming the IAM caller and the developer, and, when an event bus is configured, one {@link OperatorAction}
 * event ({@code certificate.challenge}, {@code certificate.issue}, {@code certificate.revoke}) carrying
 * {@code developer_id}. Public facts only: serial, client URI, authority, reason, developer, never a CSR, certificate
 * body, key or challenge token. Recording on the bus is best effort after the action: a failure is
 * logged and the action stands.
 */
final class CertificateAuditTrail {

    static final String ISSUE = "certificate.issue";
    static final String REVOKE = "certificate.revoke";
    static final String CHALLENGE = "certificate.challenge";

    private final Optional<OperatorAudit> audit;
    private final Clock clock;

    CertificateAuditTrail(Optional<OperatorAudit> audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** A certificate was issued or revoked. */
    void done(CertificateAuditEvent event, String requestId, LambdaLogger log) {
        String action = event.action() == CertificateAuditEvent.Action.ISSUED ? ISSUE : REVOKE;
        ObjectNode line = line(action, event.requester(), event.serial(), "done", requestId, event.developerId());
        line.put("ca", event.caName());
        line.put("san_uri", event.sanUri());
        if (event.reason() != null) {
            line.put("reason", event.reason().code());
        }
        write(line, log);
        publish(new OperatorAction(action, event.requester(), event.serial(), "done", event.at(), event.developerId()),
                requestId, log);
    }

    /** A revocation suspended the clients bound to the certificate: one line naming them, for the operator. */
    void suspended(CertificateAuditEvent event, java.util.List<String> clientIds, String requestId, LambdaLogger log) {
        ObjectNode line = line(REVOKE, event.requester(), event.serial(), "clients_suspended", requestId, event.developerId());
        clientIds.forEach(line.putArray("suspended_clients")::add);
        write(line, log);
    }

    /** An ownership challenge was issued for the developer and client URI (the token is never written). */
    void challenged(String caller, String developerId, String sanUri, String requestId, LambdaLogger log) {
        ObjectNode line = line(CHALLENGE, caller, null, "done", requestId, developerId);
        line.put("san_uri", sanUri);
        write(line, log);
        publish(new OperatorAction(CHALLENGE, caller, null, "done", clock.instant(), developerId), requestId, log);
    }

    /**
     * Nothing changed: the request was refused, named no certificate, or the certificate was revoked already.
     *
     * @param developerId the developer the request named or the certificate is bound to, or null when unknown
     */
    void notDone(String action, String caller, String serial, String outcome, String requestId, String developerId,
                 LambdaLogger log) {
        write(line(action, caller, serial, outcome, requestId, developerId), log);
        publish(new OperatorAction(action, caller, serial, outcome, clock.instant(), developerId), requestId, log);
    }

    private void publish(OperatorAction action, String requestId, LambdaLogger log) {
        try {
            audit.ifPresent(trail -> trail.record(action));
        } catch (StoreUnavailable unrecorded) {
            log.log("certificates requestId=" + requestId + " audit event not recorded: " + unrecorded.getMessage() + "\n");
        }
    }

    private static ObjectNode line(String action, String caller, String serial, String outcome, String requestId,
                                   String developerId) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("audit", action);
        line.put("caller", caller);
        line.put("serial", serial);
        line.put("outcome", outcome);
        line.put("developer_id", developerId);
        line.put("requestId", requestId);
        return line;
    }

    private static void write(ObjectNode line, LambdaLogger log) {
        log.log(line + "\n");
    }
}
