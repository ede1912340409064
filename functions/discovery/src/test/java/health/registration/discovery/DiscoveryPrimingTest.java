package health.registration.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.udap.CommunitySigningCredentials;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataAnswer;
import health.registration.core.udap.UdapMetadataFixture;
import health.registration.edge.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DiscoveryPrimingTest {

    private static final String CREDENTIALS_SECRET = "fhir-registration/udap/server";
    private static final String ANCHORS_SECRET = "fhir-registration/udap/anchors";
    private static final Map<String, String> UDAP_ON = Map.of(
            Settings.PUBLIC_BASE_URL, "https://registration.example.com",
            Settings.FHIR_BASE_URL, UdapMetadataFixture.BASE_URL,
            Settings.UDAP_TOKEN_ENDPOINT, UdapMetadataFixture.TOKEN_ENDPOINT.toString(),
            Settings.SCOPES_SUPPORTED, "openid system/*.rs",
            Settings.UDAP_SERVER_CREDENTIALS_SECRET, CREDENTIALS_SECRET,
            Settings.UDAP_TRUST_ANCHORS_SECRET, ANCHORS_SECRET);

    @Test
    void primingSignsADocumentOverThrowAwayCredentialsWithoutReadingTheFunctionsSecrets() {
        List<String> read = new CopyOnWriteArrayList<>();
        UdapMetadataFixture fixture = new UdapMetadataFixture();
        Map<String, String> real = Map.of(CREDENTIALS_SECRET, fixture.credentialsPem(), ANCHORS_SECRET,
                fixture.anchorsPem());
        // The function's own metadata, wired from the same environment over a store that counts its reads.
        UdapMetadata function = DiscoveryWiring.udapMetadata(new Settings(UDAP_ON), name -> {
            read.add(name);
            return real.get(name);
        }, Clock.systemUTC()).orElseThrow();
        DiscoveryPriming priming = new DiscoveryPriming(UDAP_ON);

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).as("signed documents for no and its own community, none for another")
                .containsExactly("200", "200", "204");
        assertThat(read).as("the function's secrets read while priming").isEmpty();
        // Two CreateSecret and two GetSecretValue, each over TLS to the loopback endpoint and nowhere else.
        assertThat(priming.offlineRequests()).isEqualTo(4);
        assertThat(priming.offlineHandshakes()).isEqualTo(4);
        // The function's metadata reads its own secrets on its first request, as without priming.
        assertThat(function.answer(Optional.empty())).isInstanceOf(UdapMetadataAnswer.Document.class);
        assertThat(read).containsExactlyInAnyOrder(CREDENTIALS_SECRET, ANCHORS_SECRET);
    }

    @Test
    void primingAServerWithoutUdapAnswersNotFoundAndSendsNoRequest() {
        DiscoveryPriming priming = new DiscoveryPriming(Map.of(Settings.PUBLIC_BASE_URL, UdapMetadataFixture.BASE_URL));

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("404", "404", "404");
        assertThat(priming.offlineRequests()).isZero();
    }

    @Test
    void throwAwayCredentialsNameTheFhirBaseUrlAndNeverShowTheKey() throws Exception {
        PrimingCredentials credentials = PrimingCredentials.forBaseUrl(UdapMetadataFixture.BASE_URL);

        assertThat(CommunitySigningCredentials
                .parse(credentials.credentialsPem(), UdapMetadataFixture.BASE_URL).defaults().issuer())
                .isEqualTo(UdapMetadataFixture.BASE_URL);
        assertThat(TrustAnchors.parse(credentials.anchorsPem())
                .byUri(PrimingCredentials.COMMUNITY)).isPresent();
        assertThat(credentials.toString()).doesNotContain("PRIVATE KEY");
    }
}
