package health.registration.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.IdempotencyKey;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.model.ClientMetadata;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SnapStart priming of an issuing function (register, manage, cleanup, reverify): each priming gets the function
 * wired as in Lambda from its own environment, but over {@link OfflineIssuance}, so its requests run through the
 * handler, the core, the adapters and the SDK's marshalling and signing, and not one leaves the process.
 */
public abstract class IssuancePriming extends PrimingResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> environment;
    private volatile int requests;

    /** @param environment the function's environment ({@code System.getenv()} in Lambda) */
    protected IssuancePriming(String function, Map<String, String> environment) {
        super(function);
        this.environment = Map.copyOf(environment);
    }

    /** Runs the function's request paths over the offline wiring; one short outcome per request. */
    protected abstract List<String> prime(OfflineIssuance offline) throws Exception;

    @Override
    protected final List<String> prime() throws Exception {
        try (OfflineIssuance offline = OfflineIssuance.of(environment)) {
            List<String> outcomes = prime(offline);
            requests = offline.requests();
            return outcomes;
        }
    }

    /**
     * Registers {@link PrimingRequests#METADATA} over the offline wiring and answers the registration response (the
     * client's id, secret and registration access token), for the functions that work on registered clients.
     */
    protected static JsonNode registeredClient(IssuanceWiring offline) throws IOException {
        RegistrationOutcome outcome = offline.registration().register(
                ClientMetadata.of((ObjectNode) JSON.readTree(PrimingRequests.METADATA)),
                IdempotencyKey.parse(UUID.randomUUID().toString()).value(),
                PrimingRequests.METADATA.getBytes(StandardCharsets.UTF_8));
        if (!(outcome instanceof RegistrationOutcome.Registered registered)) {
            throw new IllegalStateException("the priming registration was not registered: " + outcome.getClass().getSimpleName());
        }
        return JSON.readTree(registered.answer());
    }

    /** How many SDK requests the last priming made, every one answered in memory. */
    public int requests() {
        return requests;
    }
}
