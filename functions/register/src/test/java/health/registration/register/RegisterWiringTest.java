package health.registration.register;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.OfflineClients;
import health.registration.edge.Settings;
import health.registration.issuance.IssuanceWiring;
import health.registration.testkit.PrimingEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wiring the register function reads no secret: the pepper and the trust anchors are read at the first request that
 * needs them.
 */
class RegisterWiringTest {

    @Test
    void wiringRegistrationWithUdapReadsNoSecretAndSendsNoRequest() {
        Map<String, String> environment = new HashMap<>(PrimingEnvironment.nowhere());
        environment.put(Settings.PROBE_FUNCTION_NAME, "nowhere-probe");
        environment.put(Settings.IDEMPOTENCY_PEPPER_SECRET, "nowhere/idempotency-pepper");
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, "nowhere/udap-trust-anchors");
        environment.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, "nowhere/udap-server-credentials");
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, "https://auth.example.com/token");

        try (OfflineClients clients = AwsClients.offline(payload -> payload)) {
            RegisterWiring wiring = new RegisterWiring(IssuanceWiring.from(new Settings(environment), clients));
            wiring.registration();
            wiring.registrationQuota();
            assertThat(wiring.udapRegistrar()).as("UDAP is on: its anchors, credentials and token endpoint are configured").isPresent();

            assertThat(clients.requests()).as("requests sent while wiring").isZero();
        }
    }
}
