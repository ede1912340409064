package health.registration.register;

import health.registration.edge.PrimingRequests;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The register function's SnapStart priming: a handler wired over the offline clients registers a client (probing
 * through an in-memory probe function, storing in memory, counting its source in memory), replays it under the same
 * key, and refuses metadata with problems of every kind.
 */
final class RegisterPriming extends IssuancePriming {

    RegisterPriming(Map<String, String> environment) {
        super("register", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        RegisterWiring wiring = new RegisterWiring(offline.wiring());
        RegisterClientHandler handler = new RegisterClientHandler(wiring.registration(), wiring.udapRegistrar(),
                Optional.of(wiring.registrationQuota()));
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                RegistrationRequests.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        byte[] registration = PrimingRequests.apiEvent("POST", "/register", headers, Map.of(), PrimingRequests.METADATA);
        return List.of(status(handler, registration), status(handler, registration),
                status(handler, PrimingRequests.jsonPost("/register", PrimingRequests.PROBLEMS)));
    }

    private static String status(RegisterClientHandler handler, byte[] event) throws Exception {
        return PrimingRequests.status(PrimingRequests.invoke(handler, event));
    }
}
