package health.registration.core.operator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The wire form of an {@link OperatorAction}: the audit event's detail and the audit log line's fields. */
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
        return json;
    }
}
