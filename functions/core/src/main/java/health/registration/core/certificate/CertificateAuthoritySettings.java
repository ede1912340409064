package health.registration.core.certificate;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the developer-certificate authority issues and publishes.
 *
 * @param publicBaseUrl where the service's API is reached from the internet: CRLs are at
 *                      {@code {publicBaseUrl}/crl/{ca}.crl}
 * @param validity      how long a certificate is valid (never beyond the issuing CA's chain)
 * @param crlValidity   how long a CRL is current: its nextUpdate is this long after its thisUpdate
 * @param crlRefresh    a current CRL is signed again when less than this remains before its nextUpdate, so that the
 *                      scheduled refresh replaces it before relying parties treat it as stale
 */
public record CertificateAuthoritySettings(URI publicBaseUrl, Duration validity, Duration crlValidity,
                                           Duration crlRefresh) {

    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);
    public static final Duration DEFAULT_CRL_REFRESH = Duration.ofDays(1);

    public CertificateAuthoritySettings {
        Objects.requireNonNull(publicBaseUrl);
        if (!java.util.Set.of("http", "https").contains(String.valueOf(publicBaseUrl.getScheme()))
                || publicBaseUrl.getHost() == null || publicBaseUrl.getRawQuery() != null
                || publicBaseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL without query or"
                    + " fragment");
        }
        requirePositive(validity, "the certificate validity");
        requirePositive(crlValidity, "the CRL validity");
        requirePositive(crlRefresh, "the CRL refresh margin");
        if (crlRefresh.compareTo(crlValidity) >= 0) {
            throw new IllegalArgumentException("the CRL refresh margin must be shorter than the CRL validity, or every"
                    + " CRL would be signed again at once");
        }
    }

    /** A year of validity, CRLs current for seven days and signed again when less than a day remains. */
    public static CertificateAuthoritySettings defaults(URI publicBaseUrl) {
        return new CertificateAuthoritySettings(publicBaseUrl, DEFAULT_VALIDITY, DEFAULT_CRL_VALIDITY,
                DEFAULT_CRL_REFRESH);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
