package health.registration.core.operator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientInformation;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.StatusChange;
import java.net.URI;
import java.util.List;

/**
 * What the operator API shows of a client: the client information with its status and URL checks (as RFC 7592
 * reads show them), how it registered, its status history and when it was created and last changed. Never the
 * secret or the token.
 */
public final class OperatorView {

    public static final String REGISTRATION_PATH = "registration_path";
    public static final String HISTORY = "status_history";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    /** The members this view adds to the client information; an update that sends them back has them ignored. */
    public static final List<String> MEMBERS = List.of(REGISTRATION_PATH, CREATED_AT, UPDATED_AT, HISTORY);

    private OperatorView() {}

    public static ObjectNode of(ClientRecord client, URI publicBaseUrl) {
        ObjectNode json = new ClientInformation(client, null, null,
                ClientInformation.registrationClientUri(publicBaseUrl, client.clientId())).toJsonWithChecks();
        json.put(REGISTRATION_PATH, client.path().code());
        json.put(CREATED_AT, client.createdAt().getEpochSecond());
        json.put(UPDATED_AT, client.updatedAt().getEpochSecond());
        ArrayNode history = json.putArray(HISTORY);
        for (StatusChange change : client.checks().history()) {
            history.addObject().put("at", change.at().getEpochSecond()).put("from", change.from().code())
                    .put("to", change.to().code()).put("reason", change.reason());
        }
        return json;
    }
}
