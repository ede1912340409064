package health.registration.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.port.MutableClock;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataAnswer;
import health.registration.core.udap.UdapMetadataFixture;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();
    private static final String CREDENTIALS_SECRET = "fhir-registration/udap/server";
    private static final String ANCHORS_SECRET = "fhir-registration/udap/anchors";

    @TempDir
    Path folder;

    private final List<String> secretsRead = new CopyOnWriteArrayList<>();
    private final Map<String, String> secretValues = new ConcurrentHashMap<>(Map.of(
            CREDENTIALS_SECRET, FIXTURE.credentialsPem(), ANCHORS_SECRET, FIXTURE.anchorsPem()));
    private final MutableClock clock = MutableClock.at(Instant.now());

    /** A secret store that holds the fixture's two secrets, counts reads, and fails on any other name. */
    private final ConfiguredSecrets.SecretsManager secrets = name -> {
        secretsRead.add(name);
        String value = secretValues.get(name);
        if (value == null) {
            throw new AssertionError("read an unexpected secret");
        }
        return value;
    };

    private static Map<String, String> endpoints() {
        Map<String, String> environment = new HashMap<>();
        environment.put(Settings.PUBLIC_BASE_URL, UdapMetadataFixture.BASE_URL);
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, UdapMetadataFixture.TOKEN_ENDPOINT.toString());
        environment.put(Settings.SCOPES_SUPPORTED, "openid fhirUser system/*.rs");
        return environment;
    }

    private static Map<String, String> withSecrets() {
        Map<String, String> environment = endpoints();
        environment.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, CREDENTIALS_SECRET);
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, ANCHORS_SECRET);
        return environment;
    }

    private Map<String, String> withFiles() throws IOException {
        Map<String, String> environment = endpoints();
        environment.put(Settings.UDAP_SERVER_KEY_FILE, file("server.key", FIXTURE.keyPem()));
        environment.put(Settings.UDAP_SERVER_CERTIFICATE_FILE, file("server.pem", FIXTURE.chainPem()));
        environment.put(Settings.UDAP_TRUST_ANCHORS_FILE, file("anchors.pem", FIXTURE.anchorsPem()));
        return environment;
    }

    private String file(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text).toString();
    }

    private Optional<UdapMetadata> wire(Map<String, String> environment) {
        return DiscoveryWiring.udapMetadata(new Settings(environment), secrets, clock);
    }

    @Test
    void readsTheKeyChainAndAnchorsFromFilesLocally() throws Exception {
        JsonNode document = JSON.readTree(wire(withFiles()).orElseThrow().document());

        assertThat(document.path("registration_endpoint").asText()).isEqualTo(UdapMetadataFixture.BASE_URL + "/register");
        assertThat(document.path("token_endpoint").asText()).isEqualTo(UdapMetadataFixture.TOKEN_ENDPOINT.toString());
        assertThat(document.path("scopes_supported").toString()).isEqualTo("[\"openid\",\"fhirUser\",\"system/*.rs\"]");
        assertThat(document.has("authorization_endpoint")).isFalse();
    }

    @Test
    void readsTheCredentialsAndAnchorsFromSecretsInAws() throws Exception {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.UDAP_AUTHORIZATION_ENDPOINT, UdapMetadataFixture.AUTHORIZATION_ENDPOINT.toString());

        JsonNode document = JSON.readTree(wire(environment).orElseThrow().document());

        assertThat(document.path("authorization_endpoint").asText())
                .isEqualTo(UdapMetadataFixture.AUTHORIZATION_ENDPOINT.toString());
        assertThat(document.path("grant_types_supported").toString())
                .isEqualTo("[\"authorization_code\",\"refresh_token\",\"client_credentials\"]");
    }

    @Test
    void isOffWithNeitherAnchorsNorCredentialsAndRefusesToStartWithOneWithoutTheOther() {
        Map<String, String> noAnchors = withSecrets();
        noAnchors.remove(Settings.UDAP_TRUST_ANCHORS_SECRET);
        Map<String, String> noCredentials = withSecrets();
        noCredentials.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, " ");

        assertThat(DiscoveryWiring.udapMetadata(new Settings(endpoints()),
                name -> { throw new AssertionError("read a secret with UDAP off"); }, clock)).isEmpty();
        assertThatIllegalStateException().isThrownBy(() -> wire(noAnchors))
                .withMessageContaining(Settings.UDAP_TRUST_ANCHORS_SECRET);
        assertThatIllegalStateException().isThrownBy(() -> wire(noCredentials))
                .withMessageContaining(Settings.UDAP_SERVER_CREDENTIALS_SECRET);
    }

    @Test
    void signsAsTheFhirBaseUrlAndPublishesTheRegistrationEndpointOfThePublicBaseUrl() throws Exception {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.PUBLIC_BASE_URL, "https://registration.example.com");
        environment.put(Settings.FHIR_BASE_URL, UdapMetadataFixture.BASE_URL);

        String document = wire(environment).orElseThrow().document();

        assertThat(JSON.readTree(document).path("registration_endpoint").asText())
                .isEqualTo("https://registration.example.com/register");
        SignedJWT signed = SignedJWT.parse(JSON.readTree(document).path("signed_metadata").asText());
        assertThat(signed.getJWTClaimsSet().getIssuer()).isEqualTo(UdapMetadataFixture.BASE_URL);
        assertThat(signed.getJWTClaimsSet().getStringClaim("registration_endpoint"))
                .isEqualTo("https://registration.example.com/register");
    }

    @Test
    void publishesTheConfiguredCapabilities() throws Exception {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.UDAP_CERTIFICATIONS_SUPPORTED, "https://cert.example.org/b2b");
        environment.put(Settings.UDAP_CERTIFICATIONS_REQUIRED, "https://cert.example.org/b2b");
        environment.put(Settings.UDAP_REGISTRATION_SIGNING_ALGS, "RS256");

        JsonNode document = JSON.readTree(wire(environment).orElseThrow().document());

        assertThat(document.path("udap_certifications_required").toString()).isEqualTo("[\"https://cert.example.org/b2b\"]");
        assertThat(document.path("registration_endpoint_jwt_signing_alg_values_supported").toString())
                .isEqualTo("[\"RS256\"]");
    }

    @Test
    void offersNoUdapWhileTheAnchorsHoldNoCertificate() throws IOException {
        Map<String, String> environment = withFiles();
        environment.put(Settings.UDAP_TRUST_ANCHORS_FILE, file("empty.pem", "# no community yet\n"));

        assertThat(wire(environment).orElseThrow().answer(Optional.empty()))
                .isInstanceOf(UdapMetadataAnswer.NotOffered.class);
    }

    @Test
    void readsNoSecretUntilTheFirstRequest() {
        UdapMetadata metadata = wire(withSecrets()).orElseThrow();
        assertThat(secretsRead).as("secrets read while wiring").isEmpty();

        metadata.answer(Optional.empty());

        assertThat(secretsRead).containsExactlyInAnyOrder(CREDENTIALS_SECRET, ANCHORS_SECRET);
    }

    @Test
    void rereadsTheSecretsOnTheirScheduleSoADistrustedCommunityIsNoLongerServed() {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.SECRETS_REFRESH_SECONDS, "60");
        UdapMetadata metadata = wire(environment).orElseThrow();
        Optional<String> community = Optional.of(UdapMetadataFixture.COMMUNITY);
        assertThat(metadata.answer(community)).isInstanceOf(UdapMetadataAnswer.Document.class);

        secretValues.put(ANCHORS_SECRET, "# community distrusted\n");
        clock.advance(Duration.ofSeconds(59));
        assertThat(metadata.answer(community)).as("before the refresh").isInstanceOf(UdapMetadataAnswer.Document.class);
        clock.advance(Duration.ofSeconds(1));

        assertThat(metadata.answer(community)).isInstanceOf(UdapMetadataAnswer.NotOffered.class);
    }

    @Test
    void signsWithARotatedKeyAfterTheRefresh() throws Exception {
        UdapMetadata metadata = wire(withSecrets()).orElseThrow();
        String before = x5cOf(metadata.document());
        UdapMetadataFixture rotated = new UdapMetadataFixture();
        secretValues.put(CREDENTIALS_SECRET, rotated.credentialsPem());

        clock.advance(Duration.ofMinutes(5));

        assertThat(x5cOf(metadata.document())).isNotEqualTo(before)
                .isEqualTo(Base64.getEncoder().encodeToString(rotated.server().certificate().getEncoded()));
    }

    private static String x5cOf(String document) throws Exception {
        return SignedJWT.parse(JSON.readTree(document).path("signed_metadata").asText()).getHeader()
                .getX509CertChain().get(0).toString();
    }

    @Test
    void refusesToStartWithoutATokenEndpoint() {
        Map<String, String> environment = withSecrets();
        environment.remove(Settings.UDAP_TOKEN_ENDPOINT);

        assertThatIllegalStateException().isThrownBy(() -> wire(environment))
                .withMessageContaining(Settings.UDAP_TOKEN_ENDPOINT);
    }

    @Test
    void refusesToStartWithoutScopes() {
        Map<String, String> environment = withSecrets();
        environment.remove(Settings.SCOPES_SUPPORTED);

        assertThatIllegalStateException().isThrownBy(() -> wire(environment)).withMessageContaining("scopes_supported");
    }

    @Test
    void refusesAKeyFileWithoutACertificateFile() throws IOException {
        Map<String, String> environment = withFiles();
        environment.remove(Settings.UDAP_SERVER_CERTIFICATE_FILE);

        assertThatIllegalStateException().isThrownBy(() -> wire(environment))
                .withMessageContaining(Settings.UDAP_SERVER_CERTIFICATE_FILE);
    }

    @Test
    void refusesAFileAndASecretForTheSameThing() throws IOException {
        Map<String, String> environment = withFiles();
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, ANCHORS_SECRET);

        assertThatIllegalStateException().isThrownBy(() -> wire(environment))
                .withMessageContaining(Settings.UDAP_TRUST_ANCHORS_FILE).withMessageContaining("not both");
    }

    @Test
    void answersUnavailableWhenTheCertificateDoesNotNameTheBaseUrlWithoutShowingTheKey() {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.PUBLIC_BASE_URL, "https://elsewhere.example.org/fhir");
        String keyLine = FIXTURE.keyPem().lines().skip(1).findFirst().orElseThrow();
        UdapMetadata metadata = wire(environment).orElseThrow();

        assertThatThrownBy(metadata::document).isInstanceOf(RefreshingSecret.SecretUnavailable.class)
                .hasMessageContaining(Settings.UDAP_SERVER_CREDENTIALS_SECRET + " (" + CREDENTIALS_SECRET + ")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyLine));
    }
}
