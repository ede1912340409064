package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.OfflineClients;
import health.registration.edge.Settings;
import health.registration.testkit.PrimingEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wiring reads no secret: the pepper, the trust anchors and the developer CA's key are read at the first request that
 * needs them.
 */
class IssuanceComponentsTest {

    @Test
    void wiringEveryIssuingFunctionReadsNoSecretAndSendsNoRequest() {
        Map<String, String> environment = new HashMap<>(PrimingEnvironment.nowhere());
        environment.put(Settings.IDEMPOTENCY_PEPPER_SECRET, "nowhere/idempotency-pepper");
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, "nowhere/udap-trust-anchors");
        environment.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, "nowhere/udap-server-credentials");
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, "https://auth.example.com/token");
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_NAME, "developers");
        environment.put(CertificateConfiguration.CERTIFICATES_TABLE, "nowhere-certificates");
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET, "nowhere/developer-ca");

        try (OfflineClients clients = AwsClients.offline(payload -> payload)) {
            IssuanceComponents components = IssuanceComponents.from(new Settings(environment), clients);
            components.registration();
            assertThat(components.udapRegistrar()).as("UDAP is on: its anchors, credentials and token endpoint are configured").isPresent();
            components.registeredClients();
            components.cleanup();
            components.certificateAuthority();
            components.revokedCertificateClients();

            assertThat(clients.requests()).as("requests sent while wiring").isZero();
        }
    }
}
