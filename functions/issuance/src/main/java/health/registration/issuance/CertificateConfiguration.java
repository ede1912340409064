package health.registration.issuance;

import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.certificate.CertificateAuthoritySettings;
import health.registration.core.certificate.IssuingAuthority;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Settings of the developer-certificate authority (issue 8). {@code CERTIFICATE_AUTHORITY_NAME} switches it on and
 * names its CRL ({@code /crl/{name}.crl}); {@code CERTIFICATES_TABLE} holds its records. Only the certificates function
 * reads the key: locally from {@code CERTIFICATE_AUTHORITY_KEY_FILE} and {@code CERTIFICATE_AUTHORITY_CHAIN_FILE}, in
 * AWS from the secret {@code CERTIFICATE_AUTHORITY_SECRET} (the key followed by the chain, PEM). Validity and CRL
 * timing come from {@code CERTIFICATE_VALIDITY_DAYS}, {@code CRL_VALIDITY_HOURS} and {@code CRL_REFRESH_HOURS}.
 */
public final class CertificateConfiguration {

    public static final String CERTIFICATE_AUTHORITY_NAME = "CERTIFICATE_AUTHORITY_NAME";
    public static final String CERTIFICATES_TABLE = "CERTIFICATES_TABLE";
    public static final String CERTIFICATE_AUTHORITY_KEY_FILE = "CERTIFICATE_AUTHORITY_KEY_FILE";
    public static final String CERTIFICATE_AUTHORITY_CHAIN_FILE = "CERTIFICATE_AUTHORITY_CHAIN_FILE";
    public static final String CERTIFICATE_AUTHORITY_SECRET = "CERTIFICATE_AUTHORITY_SECRET";
    public static final String CERTIFICATE_VALIDITY_DAYS = "CERTIFICATE_VALIDITY_DAYS";
    public static final String CRL_VALIDITY_HOURS = "CRL_VALIDITY_HOURS";
    public static final String CRL_REFRESH_HOURS = "CRL_REFRESH_HOURS";

    private CertificateConfiguration() {}

    /** The authority's name and table, or empty when developer certificates are off. */
    static Optional<Authority> authority(Settings settings) {
        Optional<String> name = settings.value(CERTIFICATE_AUTHORITY_NAME);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String table = settings.value(CERTIFICATES_TABLE).orElseThrow(() ->
                new IllegalStateException(CERTIFICATES_TABLE + " must be set with " + CERTIFICATE_AUTHORITY_NAME));
        return Optional.of(new Authority(name.get(), table));
    }

    /** Where the authority's CRL is published, exactly as its certificates name it. */
    static URI crlUrl(Settings settings, String name) {
        String base = settings.publicBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/crl/" + name + ".crl");
    }

    /** The key and chain: from the two files when set, else from the secret. */
    static IssuingAuthority issuingAuthority(Settings settings, String name, SecretsManagerClient secrets) {
        Optional<Path> keyFile = settings.readableFile(CERTIFICATE_AUTHORITY_KEY_FILE);
        if (keyFile.isPresent()) {
            Path chainFile = settings.readableFile(CERTIFICATE_AUTHORITY_CHAIN_FILE).orElseThrow(() ->
                    new IllegalStateException(CERTIFICATE_AUTHORITY_CHAIN_FILE + " must name a readable file"));
            return IssuingAuthority.fromPem(read(keyFile.get()), read(chainFile), name);
        }
        String secret = settings.value(CERTIFICATE_AUTHORITY_SECRET).orElseThrow(() ->
                new IllegalStateException("set " + CERTIFICATE_AUTHORITY_SECRET + " (or, locally, "
                        + CERTIFICATE_AUTHORITY_KEY_FILE + " and " + CERTIFICATE_AUTHORITY_CHAIN_FILE + ")"));
        String pem = SecretsManagerText.read(secrets, secret);
        return IssuingAuthority.fromPem(pem, pem, name);
    }

    static CertificateAuthoritySettings settings(Settings settings) {
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // Only the variable's file is named; its text may be a key.
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The authority's name and the table of its records. */
    record Authority(String name, String table) {}
}
