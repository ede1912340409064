package health.registration.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.PolicyResult;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@code POST /validate}: checks metadata against the open dynamic-registration policy (every rule that needs no
 * network) and tells every problem in one answer. Registers nothing.
 */
public final class ValidateClientHandler implements RequestStreamHandler {

    private final Policy policy;
    private final PolicyContext context;

    /** Wiring for Lambda: configuration from the environment. */
    public ValidateClientHandler() {
        this(Policies.openDynamicRegistration(), Settings.fromEnvironment().policyContext());
        PrimingResource.register(ValidatePriming.class, () -> new ValidatePriming(this));
    }

    ValidateClientHandler(Policy policy, PolicyContext context) {
        this.policy = policy;
        this.context = context;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("validate", request, lambda, this::answer), output);
    }

    private ApiResponse answer(ApiRequest request, RequestLog log) {
        MetadataBody.Reading reading = MetadataBody.read(request);
        if (reading instanceof MetadataBody.Refused refused) {
            log.info("refused status=" + refused.rejection().status());
            return ErrorResponses.of(refused.rejection());
        }
        PolicyResult result = policy.evaluate(((MetadataBody.Accepted) reading).metadata(), context);
        log.info("valid=" + result.valid()
                + " errors=" + result.errors().size() + " warnings=" + result.warnings().size());
        return ValidationReport.of(result);
    }
}
