package health.registration.edge;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorActionJson;
import health.registration.core.operator.OperatorAudit;

/**
 * The one audit trail of operator and certificate actions: a structured log line for every action (always), then the
 * event on the bus when one is configured, both in {@link OperatorActionJson}'s one form. Neither carries a secret, a token or key material: an action names only who, what,
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
        log.log(OperatorActionJson.logLine(action) + "\n");
        if (bus != null) {
            bus.record(action);
        }
    }
}
