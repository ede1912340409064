package health.registration.core.udap;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A UDAP trust community as this server knows it: the community's URI and the CA certificate that anchors it. A
 * software statement belongs to the community whose anchor its certificate chain leads to (UDAP DCR §4.2).
 *
 * @param uri    the community's URI, as configured, or {@code urn:sha-256:<hex>} of the anchor's DER when none is
 * @param anchor the trust anchor, a CA certificate
 */
public record TrustCommunity(String uri, X509Certificate anchor) {

    public TrustCommunity {
        Objects.requireNonNull(uri);
        Objects.requireNonNull(anchor);
    }
}
