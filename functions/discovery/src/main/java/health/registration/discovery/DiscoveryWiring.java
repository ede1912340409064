package health.registration.discovery;

import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.port.SecretSource;
import health.registration.core.udap.CommunitySigningCredentials;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataSettings;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.RequestLog;
import health.registration.edge.Settings;
import health.registration.edge.UdapSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The one place the discovery function is wired. Whether UDAP is on is {@link UdapSettings}' decision, the same as the
 * register function's: trust anchors, server credentials and a token endpoint, the first two each either as a file
 * (locally) or as a Secrets Manager secret (in AWS):
 * <ul>
 *   <li>{@code UDAP_TRUST_ANCHORS_FILE} or {@code UDAP_TRUST_ANCHORS_SECRET}: PEM text as {@link TrustAnchors#parse}
 *       reads it, a {@code community: <uri>} line before each anchor;</li>
 *   <li>{@code UDAP_SERVER_KEY_FILE} and {@code UDAP_SERVER_CERTIFICATE_FILE} (the PKCS#8 key; the chain, leaf
 *       first), or {@code UDAP_SERVER_CREDENTIALS_SECRET}: one text secret holding the key PEM and the chain PEM
 *       concatenated, optionally followed by the key and chain of particular communities, each after a
 *       {@code community: <uri>} line ({@link CommunitySigningCredentials});</li>
 *   <li>{@code UDAP_TOKEN_ENDPOINT} (required when UDAP is on), {@code UDAP_AUTHORIZATION_ENDPOINT} (optional; it
 *       offers the authorization_code grant), {@code SCOPES_SUPPORTED} (space-separated, at least one),
 *       {@code FHIR_BASE_URL} (the {@code iss} of the signed metadata; {@code PUBLIC_BASE_URL} when unset) and the
 *       capability lists {@link UdapSettings} reads.</li>
 * </ul>
 * With none of them, UDAP is off and the function answers 404 (IG STU2 §2.2); so it does while the anchors hold no
 * certificate. Settings that are given but unusable stop the function from starting, with a message that names the
 * setting. The secrets themselves are read on the first request, never while the function starts or is primed (so
 * no SnapStart snapshot holds the key), and re-read every {@code SECRETS_REFRESH_SECONDS}, so a rotated key or a
 * distrusted anchor takes effect in warm functions; a secret that cannot be read or parsed answers 503 and its
 * setting (never its value) is logged, with what is wrong with the credentials (a message that never holds key
 * material).
 */
public final class DiscoveryWiring {

    private DiscoveryWiring() {}

    /** The metadata from the environment's settings, secrets from Secrets Manager; empty when UDAP is off. */
    public static Optional<UdapMetadata> udapMetadata(Settings settings) {
        return udapMetadata(settings, name -> SecretsManagerText.read(SecretsManagerRequests.shared(), name),
                Clock.systemUTC());
    }

    static Optional<UdapMetadata> udapMetadata(Settings settings, ConfiguredSecrets.SecretsManager secretsManager,
            Clock clock) {
        Optional<UdapSettings> udap = UdapSettings.of(settings);
        if (udap.isEmpty()) {
            return Optional.empty();
        }
        ConfiguredSecrets secrets = new ConfiguredSecrets(settings, secretsManager, clock);
        ConfiguredSecrets.Named anchorsText = secrets.fileOrSecret(Settings.UDAP_TRUST_ANCHORS_FILE,
                Settings.UDAP_TRUST_ANCHORS_SECRET).orElseThrow();
        ConfiguredSecrets.Named credentialsText = credentialsSource(settings, secrets);
        UdapMetadataSettings published = udap.get().metadataSettings();
        String fhirBase = published.baseUrl();
        return Optional.of(new UdapMetadata(published,
                secrets.refreshing(credentialsText, text -> credentials(text, fhirBase)),
                secrets.refreshing(anchorsText, TrustAnchors::parse), clock));
    }

    /**
     * The credentials for the FHIR base URL. What is wrong with them is logged in full (the messages never repeat key
     * material), naming FHIR_BASE_URL, so the operator sees which certificate lacks which SAN URI.
     */
    private static CommunitySigningCredentials credentials(String text, String fhirBase) {
        try {
            return CommunitySigningCredentials.parse(text, fhirBase);
        } catch (IllegalArgumentException unusable) {
            RequestLog.current().error("the server credentials are unusable for " + Settings.FHIR_BASE_URL
                    + " (or " + Settings.PUBLIC_BASE_URL + " when it is unset) " + fhirBase + ": "
                    + unusable.getMessage());
            throw unusable;
        }
    }

    /** The key and the chain as two files, or both in one secret. */
    private static ConfiguredSecrets.Named credentialsSource(Settings settings, ConfiguredSecrets secrets) {
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
            return secrets.secret(Settings.UDAP_SERVER_CREDENTIALS_SECRET, secret.orElseThrow());
        }
        SecretSource keyFile = ConfiguredSecrets.file(key.get(), Settings.UDAP_SERVER_KEY_FILE);
        SecretSource chainFile = ConfiguredSecrets.file(chain.get(), Settings.UDAP_SERVER_CERTIFICATE_FILE);
        // A line break between the files, in case the key file does not end with one.
        return new ConfiguredSecrets.Named(Settings.UDAP_SERVER_KEY_FILE + " (" + key.get() + ") and "
                + Settings.UDAP_SERVER_CERTIFICATE_FILE, () -> keyFile.read() + "\n" + chainFile.read());
    }
}
