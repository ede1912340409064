package health.registration.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.certificate.IssuingAuthority;
import health.registration.core.certificate.IssuingAuthoritySource;
import health.registration.core.port.MutableClock;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The developer CA's key and chain are a refreshing secret: read on first use, never while wiring; re-read on the
 * secrets' schedule, so a rotated key takes effect in a warm function; unusable, a 503 naming the setting. Settings
 * that cannot work at all still stop the function at start.
 */
class CertificateConfigurationTest {

    private static final String CA_NAME = "developers";
    private static final String CA_SECRET = "fhir-registration/developer-ca";
    private static final Instant NOW = TestPki.NOW;
    private static final TestAuthority FIRST = root("Developer CA 1");
    private static final TestAuthority ROTATED = root("Developer CA 2");

    @TempDir
    Path folder;

    private final MutableClock clock = MutableClock.at(NOW);
    private final List<String> secretsRead = new CopyOnWriteArrayList<>();
    private final Map<String, String> secretValues = new ConcurrentHashMap<>(Map.of(CA_SECRET, keyAndChain(FIRST)));
    private final ConfiguredSecrets.SecretsManager secretsManager = name -> {
        secretsRead.add(name);
        return secretValues.getOrDefault(name, "");
    };

    private static TestAuthority root(String name) {
        return TestAuthority.root(name, TestKeys.rsa(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)),
                "http://unused.example.com/root.crl");
    }

    private static String keyPem(TestAuthority ca) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ca.credential().privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String keyAndChain(TestAuthority ca) {
        return keyPem(ca) + TestPki.pem(ca.certificate());
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put(Settings.PUBLIC_BASE_URL, "https://registration.example.com");
        environment.put(Settings.SECRETS_REFRESH_SECONDS, "60");
        return environment;
    }

    private Map<String, String> withSecret() {
        Map<String, String> environment = environment();
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET, CA_SECRET);
        return environment;
    }

    private Map<String, String> withFiles(TestAuthority keyOf, TestAuthority chainOf) throws IOException {
        Map<String, String> environment = environment();
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_KEY_FILE, write("ca-key.pem", keyPem(keyOf)));
        environment.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_CHAIN_FILE,
                write("ca-chain.pem", TestPki.pem(chainOf.certificate())));
        return environment;
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text).toString();
    }

    private IssuingAuthoritySource wire(Map<String, String> environment) {
        Settings settings = new Settings(environment);
        return CertificateConfiguration.issuingAuthority(settings, new ConfiguredSecrets(settings, secretsManager, clock),
                CA_NAME);
    }

    @Test
    void readsTheSecretOnFirstUseNeverWhileWiring() {
        IssuingAuthoritySource source = wire(withSecret());
        assertThat(secretsRead).as("secrets read while wiring").isEmpty();

        IssuingAuthority authority = source.keyAndChain().get();

        assertThat(secretsRead).containsExactly(CA_SECRET);
        assertThat(authority.name()).isEqualTo(CA_NAME);
        assertThat(authority.certificate()).isEqualTo(FIRST.certificate());
    }

    @Test
    void takesARotatedSecretAfterTheRefreshInterval() {
        IssuingAuthoritySource source = wire(withSecret());
        assertThat(source.keyAndChain().get().certificate()).isEqualTo(FIRST.certificate());

        secretValues.put(CA_SECRET, keyAndChain(ROTATED));
        clock.advance(Duration.ofSeconds(59));
        assertThat(source.keyAndChain().get().certificate()).as("before the refresh").isEqualTo(FIRST.certificate());
        clock.advance(Duration.ofSeconds(1));

        assertThat(source.keyAndChain().get().certificate()).isEqualTo(ROTATED.certificate());
    }

    @Test
    void takesRotatedFilesAfterTheRefreshInterval() throws IOException {
        IssuingAuthoritySource source = wire(withFiles(FIRST, FIRST));
        assertThat(source.keyAndChain().get().certificate()).isEqualTo(FIRST.certificate());

        write("ca-key.pem", keyPem(ROTATED));
        write("ca-chain.pem", TestPki.pem(ROTATED.certificate()));
        clock.advance(Duration.ofSeconds(60));

        assertThat(source.keyAndChain().get().certificate()).isEqualTo(ROTATED.certificate());
        assertThat(secretsRead).as("Secrets Manager is not asked when the files are set").isEmpty();
    }

    @Test
    void answersUnavailableNamingTheFilesWhenTheKeyDoesNotBelongToTheChainWithoutShowingIt() throws IOException {
        Map<String, String> environment = withFiles(FIRST, ROTATED);
        String keyFile = environment.get(CertificateConfiguration.CERTIFICATE_AUTHORITY_KEY_FILE);
        String keyLine = keyPem(FIRST).lines().skip(1).findFirst().orElseThrow();
        IssuingAuthoritySource source = wire(environment);

        assertThatThrownBy(source.keyAndChain()::get).isInstanceOfSatisfying(RefreshingSecret.SecretUnavailable.class,
                unavailable -> {
                    assertThat(unavailable.setting()).isEqualTo(CertificateConfiguration.CERTIFICATE_AUTHORITY_KEY_FILE);
                    assertThat(unavailable.getMessage()).contains(CertificateConfiguration.CERTIFICATE_AUTHORITY_KEY_FILE
                            + " (" + keyFile + ") and " + CertificateConfiguration.CERTIFICATE_AUTHORITY_CHAIN_FILE)
                            .doesNotContain(keyLine);
                });
    }

    @Test
    void answersUnavailableNamingTheSecretWhenItHoldsNoKey() {
        secretValues.put(CA_SECRET, TestPki.pem(FIRST.certificate()));
        IssuingAuthoritySource source = wire(withSecret());

        assertThatThrownBy(source.keyAndChain()::get).isInstanceOfSatisfying(RefreshingSecret.SecretUnavailable.class,
                unavailable -> {
                    assertThat(unavailable.setting()).isEqualTo(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET);
                    assertThat(unavailable.getMessage()).contains(
                            CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET + " (" + CA_SECRET + ")");
                });
    }

    @Test
    void refusesToStartWithoutAKeyWithOneFileOnlyOrWithFilesAndASecret() throws IOException {
        Map<String, String> oneFile = withFiles(FIRST, FIRST);
        oneFile.remove(CertificateConfiguration.CERTIFICATE_AUTHORITY_CHAIN_FILE);
        Map<String, String> both = withFiles(FIRST, FIRST);
        both.put(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET, CA_SECRET);

        assertThatIllegalStateException().isThrownBy(() -> wire(environment()))
                .withMessageContaining(CertificateConfiguration.CERTIFICATE_AUTHORITY_SECRET);
        assertThatIllegalStateException().isThrownBy(() -> wire(oneFile))
                .withMessageContaining(CertificateConfiguration.CERTIFICATE_AUTHORITY_CHAIN_FILE);
        assertThatIllegalStateException().isThrownBy(() -> wire(both)).withMessageContaining("not both");
        assertThat(secretsRead).isEmpty();
    }

    @Test
    void refusesToStartWithANameThatCannotNameTheCrl() {
        Settings settings = new Settings(withSecret());

        assertThatIllegalArgumentException().isThrownBy(() -> CertificateConfiguration.issuingAuthority(settings,
                new ConfiguredSecrets(settings, secretsManager, clock), "Developers"));
        assertThat(secretsRead).isEmpty();
    }
}
