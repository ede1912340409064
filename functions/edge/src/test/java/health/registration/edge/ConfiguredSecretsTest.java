package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.port.RefreshingSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredSecretsTest {

    private static final String FILE = Settings.UDAP_TRUST_ANCHORS_FILE;
    private static final String SECRET = Settings.UDAP_TRUST_ANCHORS_SECRET;

    @TempDir
    Path folder;

    private static ConfiguredSecrets secrets(Map<String, String> environment) {
        return new ConfiguredSecrets(new Settings(environment), name -> "text of " + name,
                Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void readsAFileAfreshEachTimeAndNamesItsSetting() throws IOException {
        Path file = Files.writeString(folder.resolve("anchors.pem"), "first");
        ConfiguredSecrets.Named named = secrets(Map.of(FILE, file.toString())).fileOrSecret(FILE, SECRET).orElseThrow();

        assertThat(named.source().read()).isEqualTo("first");
        Files.writeString(file, "second");
        assertThat(named.source().read()).isEqualTo("second");
        assertThat(named.name()).startsWith(FILE);
    }

    @Test
    void readsASecretByTheNameItsSettingGives() {
        ConfiguredSecrets.Named named = secrets(Map.of(SECRET, "udap/anchors")).fileOrSecret(FILE, SECRET).orElseThrow();

        assertThat(named.source().read()).isEqualTo("text of udap/anchors");
        assertThat(named.name()).isEqualTo(SECRET + " (udap/anchors)");
    }

    @Test
    void isEmptyWithNeitherAndRefusesBoth() throws IOException {
        Path file = Files.writeString(folder.resolve("anchors.pem"), "x");

        assertThat(secrets(Map.of()).fileOrSecret(FILE, SECRET)).isEmpty();
        assertThatIllegalStateException().isThrownBy(() -> secrets(Map.of(FILE, file.toString(), SECRET, "s"))
                .fileOrSecret(FILE, SECRET)).withMessageContaining("not both");
    }

    @Test
    void answersUnavailableWhenTheFileIsGoneAndThereIsNoGoodValue() throws IOException {
        Path file = Files.writeString(folder.resolve("anchors.pem"), "x");
        ConfiguredSecrets secrets = secrets(Map.of(FILE, file.toString()));
        RefreshingSecret<String> secret = secrets.refreshing(secrets.fileOrSecret(FILE, SECRET).orElseThrow(),
                Function.identity());
        Files.delete(file);

        assertThatThrownBy(secret::get).isInstanceOf(RefreshingSecret.SecretUnavailable.class).hasMessageContaining(FILE);
    }

    @Test
    void refreshesEveryConfiguredNumberOfSeconds() {
        assertThat(new Settings(Map.of()).secretsRefresh().refreshEvery()).hasSeconds(300);
        assertThat(new Settings(Map.of(Settings.SECRETS_REFRESH_SECONDS, "7")).secretsRefresh().refreshEvery())
                .hasSeconds(7);
        assertThatIllegalStateException().isThrownBy(() -> new Settings(Map.of(Settings.SECRETS_REFRESH_SECONDS, "0"))
                .secretsRefresh()).withMessageContaining(Settings.SECRETS_REFRESH_SECONDS);
    }
}
