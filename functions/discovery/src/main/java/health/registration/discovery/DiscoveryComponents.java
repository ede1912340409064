package health.registration.discovery;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.port.SecretSource;
import health.registration.core.udap.ServerSigningCredentials;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataSettings;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.Settings;
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
 *       offers the authorization_code grant) and {@code SCOPES_SUPPORTED} (space-separated, at least one).</li>
 * </ul>
 * With neither anchors nor credentials, UDAP is off and the function answers 404 (IG STU2 §2.2); so it does while the
 * anchors hold no certificate. Settings that are given but unusable stop the function from starting, with a message
 * that names the setting. The secrets themselves are read on the first request, never while the function starts or
 * is primed (so no SnapStart snapshot holds the key), and re-read every {@code SECRETS_REFRESH_SECONDS}, so a rotated
 * key or a distrusted anchor takes effect in warm functions; a secret that cannot be read or parsed answers 503 and
 * its setting (never its value) is logged.
 */
public final class DiscoveryComponents {

    private DiscoveryComponents() {}

    /** The metadata from the environment's settings, secrets from Secrets Manager; empty when UDAP is off. */
    public static Optional<UdapMetadata> udapMetadata(Settings settings) {
        return udapMetadata(settings, name -> SecretsManagerText.read(AwsClients.secretsManager(), name),
                Clock.systemUTC());
    }

    static Optional<UdapMetadata> udapMetadata(Settings settings, ConfiguredSecrets.SecretsManager secretsManager,
            Clock clock) {
        ConfiguredSecrets secrets = new ConfiguredSecrets(settings, secretsManager, clock);
        Optional<ConfiguredSecrets.Named> anchorsText = secrets.fileOrSecret(Settings.UDAP_TRUST_ANCHORS_FILE,
                Settings.UDAP_TRUST_ANCHORS_SECRET);
        Optional<ConfiguredSecrets.Named> credentialsText = credentialsSource(settings, secrets);
        if (anchorsText.isEmpty() || credentialsText.isEmpty()) {
            return Optional.empty();
        }
        String baseUrl = settings.publicBaseUrl().toString();
        String token = settings.value(Settings.UDAP_TOKEN_ENDPOINT).orElseThrow(() -> new IllegalStateException(
                Settings.UDAP_TOKEN_ENDPOINT + " must be set when UDAP is on"));
        UdapMetadataSettings published = parsed("UDAP endpoint and scope settings",
                () -> UdapMetadataSettings.parse(baseUrl, settings.registrationEndpoint(),
                        settings.value(Settings.UDAP_AUTHORIZATION_ENDPOINT).orElse(""), token,
                        settings.value(Settings.SCOPES_SUPPORTED).orElse("")));
        return Optional.of(new UdapMetadata(published,
                secrets.refreshing(credentialsText.get(), text -> ServerSigningCredentials.fromPem(text, baseUrl)),
                secrets.refreshing(anchorsText.get(), TrustAnchors::parse), clock));
    }

    /** The key and the chain as two files, or both in one secret. */
    private static Optional<ConfiguredSecrets.Named> credentialsSource(Settings settings, ConfiguredSecrets secrets) {
        Optional<Path> key = settings.readableFile(Settings.UDAP_SERVER_KEY_FILE);
        Optional<Path> chain = settings.readableFile(Settings.UDAP_SERVER_CERTIFICATE_FILE);
        if (key.isPresent() != chain.isPresent()) {
            throw new IllegalStateException("set both " + Settings.UDAP_SERVER_KEY_FILE + " and "
                    + Settings.UDAP_SERVER_CERTIFICATE_FILE + ", or neither");
        }
        Optional<String> secret = settings.value(Settings.UDAP_SERVER_CREDENTIALS_SECRET);
        if (key.isPresent() && secret.isPresent()) {
            throw new IllegalStateException("set either " + Settings.UDAP_SERVER_KEY_FILE + " or "
                    + Settings.UDAP_SERVER_CREDENTIALS_SECRET + ", not both");
        }
        if (key.isEmpty()) {
            return secret.map(name -> secrets.secret(Settings.UDAP_SERVER_CREDENTIALS_SECRET, name));
        }
        SecretSource keyFile = ConfiguredSecrets.file(key.get(), Settings.UDAP_SERVER_KEY_FILE);
        SecretSource chainFile = ConfiguredSecrets.file(chain.get(), Settings.UDAP_SERVER_CERTIFICATE_FILE);
        // A line break between the files, in case the key file does not end with one.
        return Optional.of(new ConfiguredSecrets.Named(Settings.UDAP_SERVER_KEY_FILE + " (" + key.get() + ") and "
                + Settings.UDAP_SERVER_CERTIFICATE_FILE, () -> keyFile.read() + "\n" + chainFile.read()));
    }

    /** Builds a value from configuration text; a refusal names the setting the text came from. */
    private static <T> T parsed(String setting, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException unusable) {
            throw new IllegalStateException(setting + ": " + unusable.getMessage());
        }
    }
}
