package health.registration.core.operator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of an {@link OperatorAction}: the audit event's detail, and with {@code "audit": "OperatorAction"}
 * the audit log line. Members that are null or empty are left out, except {@code subject} and a
 * {@code clients_suspended} entry's {@code suspended_clients}.
 */
public final class OperatorActionJson {

    private OperatorActionJson() {}

    public static ObjectNode detail(OperatorAction action) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("action", action.action());
        json.put("caller", action.caller());
        json.put("subject", action.subject());
        json.put("outcome", action.outcome());
        json.put("at", action.at().toString());
        if (action.developerId() != null) {
            json.put("developer_id", action.developerId());
        }
        if (action.requestId() != null) {
            json.put("request_id", action.requestId());
        }
        action.facts().forEach(json::put);
        if (!action.suspendedClients().isEmpty() || action.outcome().equals(OperatorAction.CLIENTS_SUSPENDED)) {
            action.suspendedClients().forEach(json.putArray("suspended_clients")::add);
        }
        return json;
    }

    /** The structured log line: the detail, marked as an audit entry. */
    public static ObjectNode logLine(OperatorAction action) {
        return detail(action).put("audit", OperatorAction.DETAIL_TYPE);
    }
}
