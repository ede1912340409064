package health.registration.core.issue;

import java.util.Objects;

/**
 * What binds a UDAP client to its certificate (UDAP DCR §5.1: the server stores the certificate to validate later
 * client authentication): the client URI from the certificate's Subject Alternative Name (the software statement's
 * {@code iss}), the trust community whose anchor the chain led to, the leaf certificate, and its thumbprint.
 *
 * @param issuer      the software statement's {@code iss}, a SAN URI of the leaf certificate
 * @param community   the trust community's URI
 * @param certificate the leaf certificate, base64 DER
 * @param thumbprint  SHA-256 of the leaf certificate's DER, base64url
 */
public record CertificateBinding(String issuer, String community, String certificate, String thumbprint) {

    public CertificateBinding {
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(community);
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(thumbprint);
    }
}
