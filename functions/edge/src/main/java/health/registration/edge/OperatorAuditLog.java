package health.registration.edge;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorActionJson;
import health.registration.core.operator.OperatorAudit;

/**
 * The audit trail of the operator functions (clients and certificates alike): a structured log line for every action
 * (always), then the event on the bus when one is configured. Neither carries a secret, a token or key material: an action names only who, what,
 * which client or certificate, and how it ended.
 */
public final class OperatorAuditLog implements OperatorAudit {

    private final OperatorAudit bus;
    private final LambdaLogger log;

    /**
     * @param bus the event bus, or null when {@code EVENT_BUS_NAME} is unset (locally)
     * @param log where the structured line goes (the function's log)
     */
    public OperatorAuditLog(OperatorAudit bus, LambdaLogger log) {
        this.bus = bus;
        this.log = log;
    }

    @Override
    public void record(OperatorAction action) {
        ObjectNode line = OperatorActionJson.detail(action);
        line.put("audit", OperatorAction.DETAIL_TYPE);
        log.log(line + "\n");
        if (bus != null) {
            bus.record(action);
        }
    }
}
