package health.registration.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataFixture;
import health.registration.edge.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryComponentsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();
    private static final String CREDENTIALS_SECRET = "fhir-registration/udap/server";
    private static final String ANCHORS_SECRET = "fhir-registration/udap/anchors";

    @TempDir
    Path folder;

    /** A secret store that holds the fixture's two secrets and fails on any other name. */
    private static final DiscoveryComponents.SecretText SECRETS = name -> switch (name) {
        case CREDENTIALS_SECRET -> FIXTURE.credentialsPem();
        case ANCHORS_SECRET -> FIXTURE.anchorsPem();
        default -> throw new AssertionError("read an unexpected secret");
    };

    private static Map<String, String> endpoints() {
        Map<String, String> environment = new HashMap<>();
        environment.put(Settings.PUBLIC_BASE_URL, UdapMetadataFixture.BASE_URL);
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, UdapMetadataFixture.TOKEN_ENDPOINT.toString());
        environment.put(Settings.UDAP_SCOPES_SUPPORTED, "openid fhirUser system/*.rs");
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

    private static Optional<UdapMetadata> wire(Map<String, String> environment) {
        return DiscoveryComponents.udapMetadata(new Settings(environment), SECRETS, Clock.systemUTC());
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
    void isOffWithoutAnchorsOrWithoutCredentials() {
        Map<String, String> noAnchors = withSecrets();
        noAnchors.remove(Settings.UDAP_TRUST_ANCHORS_SECRET);
        Map<String, String> noCredentials = withSecrets();
        noCredentials.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, " ");

        assertThat(DiscoveryComponents.udapMetadata(new Settings(endpoints()),
                name -> { throw new AssertionError("read a secret with UDAP off"); }, Clock.systemUTC())).isEmpty();
        assertThat(wire(noAnchors)).isEmpty();
        assertThat(wire(noCredentials)).isEmpty();
    }

    @Test
    void isOffWhenTheAnchorsHoldNoCertificate() throws IOException {
        Map<String, String> environment = withFiles();
        environment.put(Settings.UDAP_TRUST_ANCHORS_FILE, file("empty.pem", "# no community yet\n"));

        assertThat(wire(environment)).isEmpty();
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
        environment.remove(Settings.UDAP_SCOPES_SUPPORTED);

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
    void namesTheSecretWhoseCertificateDoesNotNameTheBaseUrlWithoutShowingTheKey() {
        Map<String, String> environment = withSecrets();
        environment.put(Settings.PUBLIC_BASE_URL, "https://elsewhere.example.org/fhir");
        String keyLine = FIXTURE.keyPem().lines().skip(1).findFirst().orElseThrow();

        assertThatIllegalStateException().isThrownBy(() -> wire(environment))
                .withMessageStartingWith(Settings.UDAP_SERVER_CREDENTIALS_SECRET + ": ")
                .withMessageContaining("https://elsewhere.example.org/fhir")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyLine));
    }
}
