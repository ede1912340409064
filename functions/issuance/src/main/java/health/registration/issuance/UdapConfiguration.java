package health.registration.issuance;

import health.registration.core.udap.RevocationFailureMode;
import health.registration.core.udap.TrustAnchors;
import health.registration.edge.ConfiguredSecrets;
import health.registration.edge.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * UDAP settings of the issuing functions: the trust anchors (locally {@code UDAP_TRUST_ANCHORS_FILE}, in AWS the
 * secret named by {@code UDAP_TRUST_ANCHORS_SECRET}; whether UDAP is on at all is {@code UdapSettings}' decision; read
 * on first use and re-read every {@code SECRETS_REFRESH_SECONDS}) and what an
 * unobtainable CRL means ({@code UDAP_CRL_UNAVAILABLE}: {@code reject}, the default, or {@code accept}).
 */
public final class UdapConfiguration {

    /** Largest CRL fetched (UDAP communities publish small CRLs; a megabyte is generous). */
    public static final int MAX_CRL_BYTES = 1024 * 1024;
    /** Whole-call limit of one issuer certificate fetch from Authority Information Access: a registration waits. */
    public static final Duration ISSUER_CERTIFICATE_TIMEOUT = Duration.ofSeconds(3);

    private UdapConfiguration() {}

    /**
     * The trust anchors as a refreshing secret, or empty when neither setting names them.
     * Nothing is read here: the anchors are read at the first UDAP registration and re-read on the secrets' schedule,
     * so distrusting a community takes effect in warm functions. Anchors without a certificate make every statement
     * unapproved.
     */
    public static Optional<Supplier<TrustAnchors>> trustAnchors(ConfiguredSecrets secrets) {
        return secrets.fileOrSecret(Settings.UDAP_TRUST_ANCHORS_FILE, Settings.UDAP_TRUST_ANCHORS_SECRET)
                .map(source -> secrets.refreshing(source, TrustAnchors::parse));
    }

    public static RevocationFailureMode onCrlUnavailable(Settings settings) {
        String mode = settings.value(Settings.UDAP_CRL_UNAVAILABLE).orElse("reject").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "reject" -> RevocationFailureMode.REJECT;
            case "accept" -> RevocationFailureMode.ACCEPT;
            default -> throw new IllegalStateException(Settings.UDAP_CRL_UNAVAILABLE + " must be reject or accept");
        };
    }
}
