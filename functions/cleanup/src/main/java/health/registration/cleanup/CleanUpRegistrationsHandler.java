package health.registration.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.adapters.aws.LambdaFunctionVersions;
import health.registration.core.issue.RegistrationCleanup;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuanceWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The scheduled cleanup: removes registrations that never completed, with their secrets, and finishes interrupted
 * deletions; then deletes the stack's function versions that no alias needs. Its input (the schedule's event) is
 * ignored; it answers what the pass did.
 */
public final class CleanUpRegistrationsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrationCleanup cleanup;
    private final LambdaFunctionVersions versions;

    /** Wiring for Lambda: stores and the functions whose versions are pruned from the environment. */
    public CleanUpRegistrationsHandler() {
        this(IssuanceWiring.fromEnvironment().cleanup(), LambdaFunctionVersions.fromEnvironment(System.getenv()));
        PrimingResource.register(CleanupPriming.class, () -> new CleanupPriming(System.getenv()));
    }

    CleanUpRegistrationsHandler(RegistrationCleanup cleanup) {
        this(cleanup, LambdaFunctionVersions.none());
    }

    CleanUpRegistrationsHandler(RegistrationCleanup cleanup, LambdaFunctionVersions versions) {
        this.cleanup = cleanup;
        this.versions = versions;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        input.readAllBytes();
        RegistrationCleanup.Pass pass = cleanup.run();
        RequestLog log = RequestLog.of("cleanup", lambda);
        int versionsDeleted = versions.prune(log::warn);
        log.info("cleanup abandonedRemoved=" + pass.abandonedRemoved() + " deletionsFinished="
                + pass.deletionsFinished() + " versionsDeleted=" + versionsDeleted);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("abandoned_removed", pass.abandonedRemoved());
        answer.put("deletions_finished", pass.deletionsFinished());
        answer.put("versions_deleted", versionsDeleted);
        JSON.writeValue(output, answer);
    }
}
