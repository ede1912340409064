package health.registration.register;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.issuance.IssuanceComponents;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.port.StoreUnavailable;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code POST /register} (RFC 7591): strict JSON, the policy, probing, then issuance of a client id, secret and
 * registration access token; at most once per {@code Idempotency-Key}.
 */
public final class RegisterClientHandler implements RequestStreamHandler {

    private final RegistrationRequests requests;

    /** Wiring for Lambda: stores, prober and settings from the environment. */
    public RegisterClientHandler() {
        this(IssuanceComponents.fromEnvironment().registration());
    }

    RegisterClientHandler(IdempotentRegistration registration) {
        this.requests = new RegistrationRequests(registration);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiResponse response;
        try {
            response = requests.answer(request, lambda.getLogger());
        } catch (StoreUnavailable unavailable) {
            lambda.getLogger().log("register requestId=" + request.requestId() + " unavailable: " + unavailable.getMessage() + "\n");
            response = ErrorResponses.unavailable();
        } catch (RuntimeException unexpected) {
            lambda.getLogger().log("register requestId=" + request.requestId() + " failed: " + unexpected.getClass().getName() + "\n");
            response = ErrorResponses.serverError();
        }
        ApiGatewayEvents.write(response, output);
    }
}
