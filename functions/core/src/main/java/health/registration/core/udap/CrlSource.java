package health.registration.core.udap;

import java.net.URI;
import java.security.cert.X509CRL;
import java.util.Optional;

/**
 * Port: the certificate revocation list at a CRL distribution point (RFC 5280 §4.2.1.13), fetched through the
 * SSRF-safe prober and cached until its next update. Empty when it cannot be fetched or parsed; the caller decides
 * what an unknown revocation status means.
 */
public interface CrlSource {

    Optional<X509CRL> crl(URI distributionPoint);
}
