package health.registration.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.edge.PrimingRequests;
import health.registration.issuance.IssuancePriming;
import health.registration.issuance.OfflineIssuance;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The cleanup function's SnapStart priming: a handler wired over the offline clients runs a pass (its queries of the
 * status index come back empty), after one client has been registered there.
 */
final class CleanupPriming extends IssuancePriming {

    CleanupPriming(Map<String, String> environment) {
        super("cleanup", environment);
    }

    @Override
    protected List<String> prime(OfflineIssuance offline) throws Exception {
        registeredClient(offline.wiring());
        CleanUpRegistrationsHandler handler = new CleanUpRegistrationsHandler(offline.wiring().cleanup());
        JsonNode pass = PrimingRequests.invoke(handler, "{}".getBytes(StandardCharsets.UTF_8));
        return List.of("abandoned_removed=" + pass.path("abandoned_removed").asText(),
                "deletions_finished=" + pass.path("deletions_finished").asText());
    }
}
