package health.registration.connector;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import health.registration.edge.RequestLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The Keycloak connector function: change events from its SQS queue, answered with a partial batch response, and
 * the schedule's reconcile (see {@link ConnectorRequests}). One function for both, told apart by the event: an SQS
 * batch has {@code Records}, the schedule's event does not.
 */
public final class KeycloakConnectorHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorRequests requests;

    /** Wiring for Lambda: the registry, the secrets and the realm from the environment, built on first use. */
    public KeycloakConnectorHandler() {
        this(new ConnectorRequests(new OnFirstUse<>(() -> ConnectorWiring.fromEnvironment(System.getenv()))));
    }

    KeycloakConnectorHandler(ConnectorRequests requests) {
        this.requests = requests;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (IOException notJson) {
            event = null;
        }
        JsonNode request = event == null || !event.isObject() ? JsonNodeFactory.instance.objectNode() : event;
        RequestLog log = RequestLog.of("connector", lambda);
        JSON.writeValue(output, log.during(() -> requests.answer(request, log)));
    }

    /** Built once, on first use; a build that failed is tried again on the next use. */
    static final class OnFirstUse<T> implements Supplier<T> {

        private final Supplier<T> build;
        private T built;

        OnFirstUse(Supplier<T> build) {
            this.build = build;
        }

        @Override
        public synchronized T get() {
            if (built == null) {
                built = build.get();
            }
            return built;
        }
    }
}
