package health.registration.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.operator.OperatorServices;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The operator's client API under {@code /operator/clients} (see {@link OperatorRequests}), behind API Gateway's
 * AWS_IAM authorisation.
 */
public final class OperateClientsHandler implements RequestStreamHandler {

    private final OperatorRequests requests;

    /** Wiring for Lambda: stores, events and the audit trail from the environment, probes through the probe function. */
    public OperateClientsHandler() {
        this(IssuanceWiring.fromEnvironment());
    }

    /** Wiring for the local runner: as for Lambda, but probing through {@code probing} (its in-process engine). */
    public OperateClientsHandler(Probing probing) {
        this(IssuanceWiring.fromEnvironment(probing));
    }

    private OperateClientsHandler(IssuanceWiring wiring) {
        this(OperatorWiring.operatorServices(wiring, bus -> new OperatorAuditLog(bus, RequestLog::current)),
                OperationalMetrics.fromEnvironment());
        PrimingResource.register(OperatorPriming.class, () -> new OperatorPriming(System.getenv()));
    }

    OperateClientsHandler(OperatorServices services) {
        this(services, OperationalMetrics.discarding());
    }

    OperateClientsHandler(OperatorServices services, OperationalMetrics metrics) {
        this.requests = new OperatorRequests(services.clients(), services.suspensions(), services.listing(), metrics);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("operator", request, lambda, requests::answer), output);
    }
}
