package health.registration.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.edge.PrimingResource;
import health.registration.issuance.IssuanceComponents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The scheduled cleanup: removes registrations that never completed, with their secrets, and finishes interrupted
 * deletions. Its input (the schedule's event) is ignored; it answers what the pass did.
 */
public final class CleanUpRegistrationsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrationCleanup cleanup;

    /** Wiring for Lambda: stores from the environment. */
    public CleanUpRegistrationsHandler() {
        this(IssuanceComponents.fromEnvironment().cleanup());
        PrimingResource.register(CleanupPriming.class, () -> new CleanupPriming(System.getenv()));
    }

    CleanUpRegistrationsHandler(RegistrationCleanup cleanup) {
        this.cleanup = cleanup;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        input.readAllBytes();
        RegistrationCleanup.Pass pass = cleanup.run();
        lambda.getLogger().log("cleanup abandonedRemoved=" + pass.abandonedRemoved() + " deletionsFinished="
                + pass.deletionsFinished() + "\n");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("abandoned_removed", pass.abandonedRemoved());
        answer.put("deletions_finished", pass.deletionsFinished());
        JSON.writeValue(output, answer);
    }
}
