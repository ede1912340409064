package health.registration.register;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.edge.Settings;
import health.registration.testkit.PrimingEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterPrimingTest {

    @Test
    void primingRegistersReplaysAndRefusesWithEveryRequestAnsweredInMemory() {
        RegisterPriming priming = new RegisterPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("201", "201", "400");
        assertThat(priming.requests()).isGreaterThan(3);
    }

    /**
     * The function's own pepper and anchors are named but exist nowhere (the offline store would answer an empty
     * text, which is no pepper): priming succeeds only because it reads neither.
     */
    @Test
    void primingReadsNeitherTheFunctionsPepperNorItsTrustAnchors() {
        Map<String, String> environment = new HashMap<>(PrimingEnvironment.nowhere());
        environment.put(Settings.IDEMPOTENCY_PEPPER_SECRET, "nowhere/idempotency-pepper");
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, "nowhere/udap-trust-anchors");
        environment.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, "nowhere/udap-server-credentials");
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, "https://auth.example.com/token");
        RegisterPriming priming = new RegisterPriming(environment);

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("201", "201", "400");
    }
}
