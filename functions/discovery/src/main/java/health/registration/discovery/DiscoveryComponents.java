package health.registration.discovery;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.udap.ServerSigningCredentials;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataSettings;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place the discovery function is wired. UDAP is on when both the trust anchors and the server's signing
 * credentials are configured, each either as a file (locally) or as a Secrets Manager secret (in AWS):
 * <ul>
 *   <li>{@code UDAP_TRUST_ANCHORS_FILE} or {@code UDAP_TRUST_ANCHORS_SECRET}: PEM text as {@link TrustAnchors#parse}
 *       reads it, a {@code community: <uri>} line before each anchor;</li>
 *   <li>{@code UDAP_SERVER_KEY_FILE} and {@code UDAP_SERVER_CERTIFICATE_FILE} (the PKCS#8 key; the chain, leaf
 *       first), or {@code UDAP_SERVER_CREDENTIALS_SECRET}: one text secret holding the key PEM and the chain PEM
 *       concatenated;</li>
 *   <li>{@code UDAP_TOKEN_ENDPOINT} (required when UDAP is on), {@code UDAP_AUTHORIZATION_ENDPOINT} (optional; it
 *       offers the authorization_code grant) and {@code UDAP_SCOPES_SUPPORTED} (space-separated, at least one).</li>
 * </ul>
 * With neither anchors nor credentials, or an anchors text without a certificate, UDAP is off and the function answers
 * 404 (IG STU2 §2.2). A setting that is given but unusable stops the function from starting, with a message that
 * names the setting and never repeats key material. Secrets are read once, when the function starts.
 */
public final class DiscoveryComponents {

    /** Reads the text of a Secrets Manager secret by name. */
    @FunctionalInterface
    interface SecretText {
        String read(String name);
    }

    /** One piece of configuration text and the setting that names where it comes from (a file or a secret). */
    private record Source(String setting, Supplier<String> text) {}

    private DiscoveryComponents() {}

    /** The metadata from the environment's settings, secrets from Secrets Manager; empty when UDAP is off. */
    public static Optional<UdapMetadata> udapMetadata(Settings settings) {
        return udapMetadata(settings, name -> SecretsManagerText.read(AwsClients.secretsManager(), name),
                Clock.systemUTC());
    }

    static Optional<UdapMetadata> udapMetadata(Settings settings, SecretText secrets, Clock clock) {
        Optional<Source> anchorsText = anchorsSource(settings, secrets);
        Optional<Source> credentialsText = credentialsSource(settings, secrets);
        if (anchorsText.isEmpty() || credentialsText.isEmpty()) {
            return Optional.empty();
        }
        TrustAnchors anchors = parsed(anchorsText.get().setting(), () -> TrustAnchors.parse(anchorsText.get().text().get()));
        if (anchors.isEmpty()) {
            return Optional.empty();
        }
        String baseUrl = settings.publicBaseUrl().toString();
        ServerSigningCredentials credentials = parsed(credentialsText.get().setting(),
                () -> ServerSigningCredentials.fromPem(credentialsText.get().text().get(), baseUrl));
        String token = settings.value(Settings.UDAP_TOKEN_ENDPOINT).orElseThrow(() -> new IllegalStateException(
                Settings.UDAP_TOKEN_ENDPOINT + " must be set when UDAP is on"));
        UdapMetadataSettings published = parsed("UDAP endpoint and scope settings",
                () -> UdapMetadataSettings.parse(baseUrl, settings.registrationEndpoint(),
                        settings.value(Settings.UDAP_AUTHORIZATION_ENDPOINT).orElse(""), token,
                        settings.value(Settings.UDAP_SCOPES_SUPPORTED).orElse("")));
        return Optional.of(new UdapMetadata(published, credentials, anchors, clock));
    }

    private static Optional<Source> anchorsSource(Settings settings, SecretText secrets) {
        Optional<Path> file = settings.readableFile(Settings.UDAP_TRUST_ANCHORS_FILE);
        Optional<String> secret = settings.value(Settings.UDAP_TRUST_ANCHORS_SECRET);
        requireAtMostOne(file.isPresent(), secret.isPresent(), Settings.UDAP_TRUST_ANCHORS_FILE,
                Settings.UDAP_TRUST_ANCHORS_SECRET);
        return file.map(path -> new Source(Settings.UDAP_TRUST_ANCHORS_FILE, () -> read(path)))
                .or(() -> secret.map(name -> new Source(Settings.UDAP_TRUST_ANCHORS_SECRET, () -> secrets.read(name))));
    }

    /** The key and the chain as two files, or both in one secret. */
    private static Optional<Source> credentialsSource(Settings settings, SecretText secrets) {
        Optional<Path> key = settings.readableFile(Settings.UDAP_SERVER_KEY_FILE);
        Optional<Path> chain = settings.readableFile(Settings.UDAP_SERVER_CERTIFICATE_FILE);
        Optional<String> secret = settings.value(Settings.UDAP_SERVER_CREDENTIALS_SECRET);
        if (key.isPresent() != chain.isPresent()) {
            throw new IllegalStateException("set both " + Settings.UDAP_SERVER_KEY_FILE + " and "
                    + Settings.UDAP_SERVER_CERTIFICATE_FILE + ", or neither");
        }
        requireAtMostOne(key.isPresent(), secret.isPresent(), Settings.UDAP_SERVER_KEY_FILE,
                Settings.UDAP_SERVER_CREDENTIALS_SECRET);
        // A line break between the files, in case the key file does not end with one.
        return key.map(path -> new Source(Settings.UDAP_SERVER_KEY_FILE + "/" + Settings.UDAP_SERVER_CERTIFICATE_FILE,
                        () -> read(path) + "\n" + read(chain.get())))
                .or(() -> secret.map(name -> new Source(Settings.UDAP_SERVER_CREDENTIALS_SECRET,
                        () -> secrets.read(name))));
    }

    private static void requireAtMostOne(boolean file, boolean secret, String fileSetting, String secretSetting) {
        if (file && secret) {
            throw new IllegalStateException("set either " + fileSetting + " or " + secretSetting + ", not both");
        }
    }

    /** Builds a value from configuration text; a refusal names the setting the text came from. */
    private static <T> T parsed(String setting, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException unusable) {
            throw new IllegalStateException(setting + ": " + unusable.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("a UDAP configuration file could not be read", e);
        }
    }
}
