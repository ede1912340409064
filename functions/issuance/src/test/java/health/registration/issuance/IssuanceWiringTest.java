package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.OfflineClients;
import health.registration.edge.Settings;
import health.registration.testkit.PrimingEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wiring reads no secret: the pepper is read at the first request that needs it. In AWS probes go through the
 * probe function, so an issuing function that probes does not start without its name.
 */
class IssuanceWiringTest {

    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(PrimingEnvironment.nowhere());
        environment.put(Settings.IDEMPOTENCY_PEPPER_SECRET, "nowhere/idempotency-pepper");
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_NAME, "developers");
        environment.put(CertificateConfiguration.CERTIFICATES_TABLE, "nowhere-certificates");
        return environment;
    }

    @Test
    void wiringTheSharedPiecesReadsNoSecretAndSendsNoRequest() {
        Map<String, String> environment = environment();
        environment.put(Settings.PROBE_FUNCTION_NAME, "nowhere-probe");

        try (OfflineClients clients = AwsClients.offline(payload -> payload)) {
            IssuanceWiring wiring = IssuanceWiring.from(new Settings(environment), clients);
            wiring.registration();
            wiring.registeredClients();
            wiring.cleanup();
            wiring.crlSource();
            wiring.auditBus();

            assertThat(wiring.probing()).isInstanceOf(ProbeFunction.class);
            assertThat(clients.requests()).as("requests sent while wiring").isZero();
        }
    }

    @Test
    void withoutTheProbeFunctionNameOnlyWhatProbesFailsToWire() {
        try (OfflineClients clients = AwsClients.offline(payload -> payload)) {
            IssuanceWiring wiring = IssuanceWiring.from(new Settings(environment()), clients);

            wiring.cleanup();
            assertThatIllegalStateException().isThrownBy(wiring::registration)
                    .withMessageContaining(Settings.PROBE_FUNCTION_NAME);
        }
    }
}
