package health.registration.core.operator;

import health.registration.core.issue.ClientStores;
import java.util.Objects;

/**
 * What the operator service writes through: the client's stores (with lifecycle events) and the audit trail.
 *
 * @param stores the client records, secrets and lifecycle events
 * @param audit  the audit trail of operator actions
 */
public record OperatorPorts(ClientStores stores, OperatorAudit audit) {

    public OperatorPorts {
        Objects.requireNonNull(stores);
        Objects.requireNonNull(audit);
    }
}
