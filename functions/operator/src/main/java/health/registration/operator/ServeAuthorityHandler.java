package health.registration.operator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.authority.AuthorityClients;
import health.registration.core.issue.ClientStores;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.OperatorAuditLog;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuanceWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The authority API under {@code /authority/clients} (see {@link AuthorityRequests}), behind API Gateway's AWS_IAM
 * authorisation: what an authorization server reads of the registry (docs/api/authority.md). It ships in the
 * operator module's jar but runs as a function of its own, whose role may only read clients and their secrets.
 */
public final class ServeAuthorityHandler implements RequestStreamHandler {

    private final AuthorityRequests requests;

    /** Wiring for Lambda and the local runner: the clients table, the secrets and the audit trail from the environment. */
    public ServeAuthorityHandler() {
        this(IssuanceWiring.fromEnvironment());
        PrimingResource.register(AuthorityPriming.class, () -> new AuthorityPriming(System.getenv()));
    }

    private ServeAuthorityHandler(IssuanceWiring wiring) {
        this(authority(wiring.stores(), new OperatorAuditLog(wiring.auditBus().orElse(null), RequestLog::current)));
    }

    ServeAuthorityHandler(AuthorityClients authority) {
        this.requests = new AuthorityRequests(authority);
    }

    static AuthorityClients authority(ClientStores stores, OperatorAuditLog audit) {
        return new AuthorityClients(stores.clients(), stores.secrets(), audit, IssuanceWiring.CLOCK);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("authority", request, lambda, requests::answer), output);
    }
}
