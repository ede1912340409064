package health.registration.core.udap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CertificateBinding;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A software statement that passed UDAP DCR §4.1–4.3: signed by the key of its leaf certificate, chained to a trust
 * anchor, with valid {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat} and {@code jti}. Whether the
 * {@code jti} was seen before is for the caller to decide (UDAP DCR §4.3 "MAY deny"; IG STU2 §7.1.4).
 *
 * @param softwareStatement the statement exactly as sent
 * @param claims            the payload exactly as sent: member order, array order and number forms kept (a copy)
 * @param issuer            {@code iss}, one of the leaf certificate's SAN URIs
 * @param jti               {@code jti}
 * @param expiresAt         {@code exp}
 * @param community         the trust community whose anchor the certificate chain ends at
 * @param certificate       the leaf certificate, {@code x5c[0]}
 */
public record VerifiedStatement(String softwareStatement, ObjectNode claims, String issuer, String jti,
                                Instant expiresAt, TrustCommunity community, X509Certificate certificate) {

    public VerifiedStatement {
        Objects.requireNonNull(softwareStatement);
        claims = Objects.requireNonNull(claims).deepCopy();
        Objects.requireNonNull(issuer);
        Objects.requireNonNull(jti);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(community);
        Objects.requireNonNull(certificate);
    }

    /** The claims, as a copy the caller may change. */
    @Override
    public ObjectNode claims() {
        return claims.deepCopy();
    }

    /** What ties the client to this certificate (UDAP DCR §5.1), for later client authentication. */
    public CertificateBinding binding() {
        byte[] der = der(certificate);
        return new CertificateBinding(issuer, community.uri(), Base64.getEncoder().encodeToString(der),
                Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(der)));
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate has no DER encoding", e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
