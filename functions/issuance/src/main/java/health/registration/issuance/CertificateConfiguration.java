package health.registration.issuance;

import health.registration.core.certificate.CertificateAuthoritySettings;
import health.registration.core.certificate.IssuingAuthority;
import health.registration.core.certificate.IssuingAuthoritySource;
import health.registration.core.port.SecretSource;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the developer-certificate authority. {@code CERTIFICATE_AUTHORITY_NAME} switches it on and
 * names its CRL ({@code /crl/{name}.crl}); {@code CERTIFICATES_TABLE} holds its records. Only the certificates function
 * reads the key, on first use and every {@code SECRETS_REFRESH_SECONDS}: locally from
 * {@code CERTIFICATE_AUTHORITY_KEY_FILE} and {@code CERTIFICATE_AUTHORITY_CHAIN_FILE}, in AWS from the secret
 * {@code CERTIFICATE_AUTHORITY_SECRET} (the key followed by the chain, PEM). Validity and CRL
 * timing come from {@code CERTIFICATE_VALIDITY_DAYS}, {@code CRL_VALIDITY_HOURS} and {@code CRL_REFRESH_HOURS}.
 */
public final class CertificateConfiguration {

    /**
     * Name of the developer-certificate CA (lower-case letters, digits, hyphens): its CRL is
     * {@code PUBLIC_BASE_URL/crl/<name>.crl}. Set, the register and reverify functions read that CRL from
     * {@code CERTIFICATES_TABLE} instead of fetching it.
     */
    public static final String CERTIFICATE_AUTHORITY_NAME = "CERTIFICATE_AUTHORITY_NAME";
    /** DynamoDB table of certificates, revocations, ownership challenges (time to live) and the current CRL. */
    public static final String CERTIFICATES_TABLE = "CERTIFICATES_TABLE";
    /**
     * Locally: the CA's unencrypted private key (PKCS#8, or OpenSSL's RSA/EC form) and its chain (PEM, issuing CA
     * first), read on first use and every {@code SECRETS_REFRESH_SECONDS}. Only one of the two, or the files and
     * {@code CERTIFICATE_AUTHORITY_SECRET} together, stop the function at start.
     */
    public static final String CERTIFICATE_AUTHORITY_KEY_FILE = "CERTIFICATE_AUTHORITY_KEY_FILE";
    public static final String CERTIFICATE_AUTHORITY_CHAIN_FILE = "CERTIFICATE_AUTHORITY_CHAIN_FILE";
    /**
     * In AWS: the Secrets Manager secret with the CA's key PEM followed by its chain PEM; only the certificates
     * function may read it. Read on first use and every {@code SECRETS_REFRESH_SECONDS}; missing or unusable, the
     * routes that sign answer {@code 503} naming this setting. {@code scripts/make-dev-secrets} makes one for
     * development (docs/deploy.md).
     */
    public static final String CERTIFICATE_AUTHORITY_SECRET = "CERTIFICATE_AUTHORITY_SECRET";
    /** Days an issued certificate is valid (default 365; never beyond the CA's chain). */
    public static final String CERTIFICATE_VALIDITY_DAYS = "CERTIFICATE_VALIDITY_DAYS";
    /** Hours from a CRL's thisUpdate to its nextUpdate (default 168). */
    public static final String CRL_VALIDITY_HOURS = "CRL_VALIDITY_HOURS";
    /** A CRL is signed again when fewer than this many hours remain before its nextUpdate (default 24). */
    public static final String CRL_REFRESH_HOURS = "CRL_REFRESH_HOURS";

    private CertificateConfiguration() {}

    /** The authority's name and table, or empty when developer certificates are off. */
    public static Optional<Authority> authority(Settings settings) {
        Optional<String> name = settings.value(CERTIFICATE_AUTHORITY_NAME);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String table = settings.value(CERTIFICATES_TABLE).orElseThrow(() ->
                new IllegalStateException(CERTIFICATES_TABLE + " must be set with " + CERTIFICATE_AUTHORITY_NAME));
        return Optional.of(new Authority(name.get(), table));
    }

    /** Where the authority's CRL is published, exactly as its certificates name it. */
    public static URI crlUrl(Settings settings, String name) {
        String base = settings.publicBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/crl/" + name + ".crl");
    }

    /**
     * The key and chain as a refreshing secret: the two files locally, the secret in AWS (the key followed by the
     * chain). Nothing is read here: they are read when the first certificate or CRL is signed and re-read every
     * {@code SECRETS_REFRESH_SECONDS}, so a rotated key takes effect in a warm function. A key or chain that cannot be
     * read or fails the checks of {@link IssuingAuthority#fromPem} answers 503 naming the setting.
     *
     * @throws IllegalStateException when neither is set, both are, or one file is set without the other
     */
    public static IssuingAuthoritySource issuingAuthority(Settings settings, ConfiguredSecrets secrets, String name) {
        return new IssuingAuthoritySource(name, secrets.refreshing(keyAndChain(settings, secrets),
                text -> IssuingAuthority.fromPem(text, text, name)));
    }

    private static ConfiguredSecrets.Named keyAndChain(Settings settings, ConfiguredSecrets secrets) {
        Optional<Path> key = settings.readableFile(CERTIFICATE_AUTHORITY_KEY_FILE);
        Optional<Path> chain = settings.readableFile(CERTIFICATE_AUTHORITY_CHAIN_FILE);
        if (key.isPresent() != chain.isPresent()) {
            throw new IllegalStateException("set both " + CERTIFICATE_AUTHORITY_KEY_FILE + " and "
                    + CERTIFICATE_AUTHORITY_CHAIN_FILE + ", or neither");
        }
        Optional<String> secret = settings.value(CERTIFICATE_AUTHORITY_SECRET);
        if (key.isPresent() && secret.isPresent()) {
            throw new IllegalStateException("set either " + CERTIFICATE_AUTHORITY_KEY_FILE + " or "
                    + CERTIFICATE_AUTHORITY_SECRET + ", not both");
        }
        if (key.isEmpty()) {
            return secrets.secret(CERTIFICATE_AUTHORITY_SECRET, secret.orElseThrow(() ->
                    new IllegalStateException("set " + CERTIFICATE_AUTHORITY_SECRET + " (or, locally, "
                            + CERTIFICATE_AUTHORITY_KEY_FILE + " and " + CERTIFICATE_AUTHORITY_CHAIN_FILE + ")")));
        }
        SecretSource keyFile = ConfiguredSecrets.file(key.get(), CERTIFICATE_AUTHORITY_KEY_FILE);
        SecretSource chainFile = ConfiguredSecrets.file(chain.get(), CERTIFICATE_AUTHORITY_CHAIN_FILE);
        // A line break between the files, in case the key file does not end with one.
        return new ConfiguredSecrets.Named(CERTIFICATE_AUTHORITY_KEY_FILE + " (" + key.get() + ") and "
                + CERTIFICATE_AUTHORITY_CHAIN_FILE, () -> keyFile.read() + "\n" + chainFile.read());
    }

    public static CertificateAuthoritySettings settings(Settings settings) {
        return new CertificateAuthoritySettings(settings.publicBaseUrl(),
                Duration.ofDays(number(settings, CERTIFICATE_VALIDITY_DAYS, 365)),
                Duration.ofHours(number(settings, CRL_VALIDITY_HOURS, 168)),
                Duration.ofHours(number(settings, CRL_REFRESH_HOURS, 24)));
    }

    private static long number(Settings settings, String name, long fallback) {
        String value = settings.value(name).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException malformed) {
            // Reported below with the variable's name.
        }
        throw new IllegalStateException(name + " must be a positive whole number");
    }

    /** The authority's name and the table of its records. */
    public record Authority(String name, String table) {}
}
