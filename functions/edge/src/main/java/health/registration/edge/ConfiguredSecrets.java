package health.registration.edge;

import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.SecretSource;
import health.registration.core.port.StoreUnavailable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The secrets a function's configuration names, each a {@link RefreshingSecret}: read on first use (never while the
 * function starts or is primed, so no SnapStart snapshot holds one) and re-read every {@code SECRETS_REFRESH_SECONDS}.
 * A secret is a Secrets Manager secret in AWS, or a file locally, which is re-read the same way. Failed re-reads are
 * logged on standard error (the function's log) with the secret's setting, never its value.
 */
public final class ConfiguredSecrets {

    /** Reads the text of a Secrets Manager secret by name; throws {@link StoreUnavailable} when it cannot. */
    @FunctionalInterface
    public interface SecretsManager {
        String read(String name);
    }

    private final Settings settings;
    private final SecretsManager secretsManager;
    private final Clock clock;

    public ConfiguredSecrets(Settings settings, SecretsManager secretsManager, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.secretsManager = Objects.requireNonNull(secretsManager);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * A secret's source and the name under which log lines and errors mention it: its setting first, then where it is
     * (an answer shows the setting alone: {@code RefreshingSecret.SecretUnavailable#setting}).
     */
    public record Named(String name, SecretSource source) {}

    /** A refreshing secret over {@code source}, named by the setting it comes from and where it is kept. */
    public <T> RefreshingSecret<T> refreshing(Named secret, Function<String, T> parse) {
        return new RefreshingSecret<>(secret.name(), secret.source(), parse, settings.secretsRefresh(), clock,
                line -> RequestLog.current().warn(line));
    }

    /**
     * The secret of a file setting or of a Secrets Manager setting, whichever is set; empty when neither is.
     *
     * @throws IllegalStateException when both are set, or the file cannot be read
     */
    public Optional<Named> fileOrSecret(String fileSetting, String secretSetting) {
        Optional<Path> file = settings.readableFile(fileSetting);
        Optional<String> secret = settings.value(secretSetting);
        if (file.isPresent() && secret.isPresent()) {
            throw new IllegalStateException("set either " + fileSetting + " or " + secretSetting + ", not both");
        }
        return file.map(path -> new Named(fileSetting + " (" + path + ")", file(path, fileSetting)))
                .or(() -> secret.map(name -> secret(secretSetting, name)));
    }

    /** The Secrets Manager secret of this name, which {@code setting} gives. */
    public Named secret(String setting, String name) {
        return new Named(setting + " (" + name + ")", () -> secretsManager.read(name));
    }

    /** A file, read afresh each time; the file's setting names it in failures. */
    public static SecretSource file(Path path, String setting) {
        return () -> {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StoreUnavailable("the file of " + setting + " could not be read", null);
            }
        };
    }
}
