package health.registration.edge;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.operator.OperatorAction;
import health.registration.core.operator.OperatorActionJson;
import health.registration.core.operator.OperatorAudit;
import java.util.function.Supplier;

/**
 * The one audit trail of operator and certificate actions: a structured log line for every action (always, at INFO,
 * with {@link OperatorActionJson}'s members beside the request ids), then the event on the bus when one is
 * configured, in the same form. Neither carries a secret, a token or key material: an action names only who, what,
 * which client or certificate, and how it ended.
 */
public final class OperatorAuditLog implements OperatorAudit {

    private final OperatorAudit bus;
    private final Supplier<RequestLog> log;

    /**
     * @param bus the event bus, or null when {@code EVENT_BUS_NAME} is unset (locally)
     * @param log the log of the request an action belongs to ({@link RequestLog#current()} for one built per container)
     */
    public OperatorAuditLog(OperatorAudit bus, Supplier<RequestLog> log) {
        this.bus = bus;
        this.log = log;
    }

    @Override
    public void record(OperatorAction action) {
        ObjectNode line = OperatorActionJson.logLine(action);
        log.get().write(LogLevel.INFO, "audit " + line.path("action").asText(), null, fields -> fields.setAll(line));
        if (bus != null) {
            bus.record(action);
        }
    }
}
