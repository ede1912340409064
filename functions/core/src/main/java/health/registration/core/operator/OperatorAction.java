package health.registration.core.operator;

import health.registration.core.policy.RegistrationErrorCode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One thing an operator did, to a client or a certificate, for the one audit trail (an EventBridge event and a
 * structured log line, both {@link OperatorActionJson}): who, what, to which client or certificate, and how it ended.
 * Never carries a secret, a token, a CSR, a certificate body or key material.
 *
 * @param action  what was asked: {@code client.register}, {@code client.read}, {@code client.update},
 *                {@code client.delete}, {@code client.suspend}, {@code client.reinstate},
 *                {@code certificate.challenge}, {@code certificate.issue}, {@code certificate.revoke}, and the
 *                authorization server's {@code authority.read} and {@code authority.verify_secret}
 * @param caller  the IAM principal (API Gateway's {@code requestContext.identity.userArn}), or {@code local-operator}
 * @param subject the client id or certificate serial, or null when none was made
 * @param outcome {@code done}, {@code refused}, {@code not_found}, {@code conflict}, {@code already_revoked}, or
 *                {@code clients_suspended} for the clients a revocation suspended, or
 *                {@code valid} or {@code invalid} for a secret check
 * @param at          when
 * @param developerId for a certificate action, the developer the certificate is (to be) bound to, when known; else null
 * @param requestId   the API request that asked, when the function knows it; else null
 * @param facts       further public facts, by their JSON member names ({@code ca}, {@code san_uri}, {@code reason})
 * @param suspendedClients the client ids a revocation suspended
 */
public record OperatorAction(String action, String caller, String subject, String outcome, Instant at,
                             String developerId, String requestId, Map<String, String> facts,
                             List<String> suspendedClients) {

    public static final String SOURCE = "health.registration.operator";
    public static final String DETAIL_TYPE = "OperatorAction";

    public static final String DONE = "done";
    public static final String REFUSED = "refused";
    /** The client or certificate does not exist: the answer's error code, as the audit's outcome. */
    public static final String NOT_FOUND = RegistrationErrorCode.NOT_FOUND.code();
    public static final String CLIENTS_SUSPENDED = "clients_suspended";

    public OperatorAction {
        Objects.requireNonNull(action);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(at);
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        suspendedClients = suspendedClients == null ? List.of() : List.copyOf(suspendedClients);
    }

    /** An action without a developer: every client action. */
    public OperatorAction(String action, String caller, String subject, String outcome, Instant at) {
        this(action, caller, subject, outcome, at, null);
    }

    public OperatorAction(String action, String caller, String subject, String outcome, Instant at, String developerId) {
        this(action, caller, subject, outcome, at, developerId, null, Map.of(), List.of());
    }

    /** The same action, as asked by this API request. */
    public OperatorAction forRequest(String id) {
        return new OperatorAction(action, caller, subject, outcome, at, developerId, id, facts, suspendedClients);
    }

    /** What followed this action: the clients it suspended. */
    public OperatorAction suspending(List<String> clientIds) {
        return new OperatorAction(action, caller, subject, CLIENTS_SUSPENDED, at, developerId, requestId, facts, clientIds);
    }
}
