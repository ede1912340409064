package health.registration.core.operator;

import health.registration.core.port.StoreUnavailable;

/**
 * Port: the audit trail of operator actions (EventBridge bus {@code EVENT_BUS_NAME}, detail type
 * {@code OperatorAction}). Recording is best effort after the action: a failure is logged by the caller, never undoes
 * the action, and the structured log line is written either way.
 */
public interface OperatorAudit {

    /** @throws StoreUnavailable when the entry may not have been recorded */
    void record(OperatorAction action);
}
