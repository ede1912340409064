package health.registration.register;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.limit.SourceQuota;
import health.registration.core.udap.UdapRegistrar;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.PrimingResource;
import health.registration.issuance.IssuanceWiring;
import health.registration.issuance.Probing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * {@code POST /register}: RFC 7591 registration (strict JSON, the policy, probing, then issuance of a client id,
 * secret and registration access token; at most once per {@code Idempotency-Key}), or, for a body carrying a
 * software statement, UDAP registration bound to the client's certificate. At most
 * {@code REGISTRATIONS_PER_SOURCE_PER_HOUR} requests per source address, every attempt counted.
 */
public final class RegisterClientHandler implements RequestStreamHandler {

    private final RegistrationRequests requests;

    /** Wiring for Lambda: stores and settings from the environment, probes through the probe function. */
    public RegisterClientHandler() {
        this(new RegisterWiring(IssuanceWiring.fromEnvironment()));
    }

    /** Wiring for the local runner: as for Lambda, but probing through {@code probing} (its in-process engine). */
    public RegisterClientHandler(Probing probing) {
        this(new RegisterWiring(IssuanceWiring.fromEnvironment(probing)));
    }

    private RegisterClientHandler(RegisterWiring wiring) {
        this.requests = new RegistrationRequests(wiring.registration(), wiring.udapRegistrar(),
                Optional.of(wiring.registrationQuota()), OperationalMetrics.fromEnvironment());
        PrimingResource.register(RegisterPriming.class, () -> new RegisterPriming(System.getenv()));
    }

    RegisterClientHandler(IdempotentRegistration registration) {
        this(registration, Optional.empty(), Optional.empty());
    }

    RegisterClientHandler(IdempotentRegistration registration, Optional<UdapRegistrar> udap) {
        this(registration, udap, Optional.empty());
    }

    /** @param quota the per-source hourly limit of {@code POST /register} ({@code REGISTRATIONS_PER_SOURCE_PER_HOUR}) */
    RegisterClientHandler(IdempotentRegistration registration, Optional<UdapRegistrar> udap, Optional<SourceQuota> quota) {
        this.requests = new RegistrationRequests(registration, udap, quota);
    }

    /** As above, counting outcomes to {@code metrics} (docs/operations/metrics.md). */
    RegisterClientHandler(IdempotentRegistration registration, Optional<SourceQuota> quota, OperationalMetrics metrics) {
        this.requests = new RegistrationRequests(registration, Optional.empty(), quota, metrics);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("register", request, lambda, requests::answer), output);
    }
}
