package health.registration.core.udap;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Port: the certificates published at a caIssuers URL of an Authority Information Access extension (RFC 5280
 * §4.2.2.1: a single DER certificate, or a "certs-only" CMS message), fetched through the SSRF-safe prober. Empty when
 * they cannot be fetched or read; the caller decides which of them, if any, issued the certificate that named the URL.
 */
public interface IssuerCertificateSource {

    List<X509Certificate> certificates(URI caIssuers);
}
