package health.registration.manage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.issue.RegisteredClients;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.PrimingResource;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code GET}, {@code PUT} and {@code DELETE /register/{client_id}} (RFC 7592), for the bearer of the client's
 * registration access token.
 */
public final class ManageClientHandler implements RequestStreamHandler {

    private final ManagementRequests requests;

    /** Wiring for Lambda: stores and settings from the environment, probes through the probe function. */
    public ManageClientHandler() {
        this(IssuanceWiring.fromEnvironment());
    }

    /** Wiring for the local runner: as for Lambda, but probing through {@code probing} (its in-process engine). */
    public ManageClientHandler(Probing probing) {
        this(IssuanceWiring.fromEnvironment(probing));
    }

    private ManageClientHandler(IssuanceWiring wiring) {
        this(wiring.registeredClients());
        PrimingResource.register(ManagePriming.class, () -> new ManagePriming(System.getenv()));
    }

    ManageClientHandler(RegisteredClients clients) {
        this.requests = new ManagementRequests(clients);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("manage", request, lambda, requests::answer), output);
    }
}
