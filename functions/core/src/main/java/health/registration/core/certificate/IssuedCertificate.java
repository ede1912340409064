package health.registration.core.certificate;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate this service issued, as recorded (docs/api/certificates.md, "Data": serial, subject, SAN,
 * metadata, requester). Holds no key material: only the certificate, which is public.
 *
 * @param caName      the issuing authority's name
 * @param serial      the serial in the form of {@link CertificateSerial#hex}; unique per authority
 * @param subject     the certificate's subject, RFC 2253
 * @param sanUri      its Subject Alternative Name URI: the app's UDAP client URI ({@code iss})
 * @param certificate the certificate, standard base64 of its DER
 * @param metadata    the app's metadata as reviewed (defaults written out), JSON text
 * @param requester   who asked for it: the IAM caller's ARN, or {@code local-operator} locally
 * @param issuedAt    when it was issued
 * @param notAfter    the end of its validity
 * @param revocation  its revocation, or null while it is not revoked
 * @param developerId the developer who proved control of the client URI ({@link OwnershipChallenge}), or null for a
 *                    certificate issued before ownership was proven
 */
public record IssuedCertificate(String caName, String serial, String subject, String sanUri, String certificate,
                                String metadata, String requester, Instant issuedAt, Instant notAfter,
                                Revocation revocation, String developerId) {

    /** Whether a certificate is still good. */
    public enum Status {
        ISSUED("issued"),
        REVOKED("revoked");

        private final String code;

        Status(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** When and why a certificate was revoked, and by whom. */
    public record Revocation(Instant at, RevocationReason reason, String requester) {

        public Revocation {
            Objects.requireNonNull(at);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(requester);
        }
    }

    public IssuedCertificate {
        Objects.requireNonNull(caName);
        Objects.requireNonNull(serial);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(sanUri);
        Objects.requireNonNull(certificate);
        Objects.requireNonNull(metadata);
        Objects.requireNonNull(requester);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(notAfter);
    }

    public Status status() {
        return revocation == null ? Status.ISSUED : Status.REVOKED;
    }

    /**
     * True while it still binds its client URI to its developer: not revoked and not past its notAfter. Another
     * developer cannot obtain a certificate for the same URI meanwhile.
     */
    public boolean binds(Instant now) {
        return revocation == null && now.isBefore(notAfter);
    }

    /** SHA-256 of its DER, base64url without padding: the thumbprint a UDAP client's binding records. */
    public String thumbprint() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(der()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    public Optional<Revocation> revoked() {
        return Optional.ofNullable(revocation);
    }

    /** The same certificate, revoked. */
    public IssuedCertificate revoke(Revocation by) {
        if (revocation != null) {
            throw new IllegalStateException("certificate " + serial + " is already revoked");
        }
        return new IssuedCertificate(caName, serial, subject, sanUri, certificate, metadata, requester, issuedAt,
                notAfter, Objects.requireNonNull(by), developerId);
    }

    /** Its CRL entry, when revoked. */
    public Optional<RevokedCertificate> crlEntry() {
        return revoked().map(r -> new RevokedCertificate(serial, r.at(), r.reason()));
    }

    public byte[] der() {
        return Base64.getDecoder().decode(certificate);
    }

    public X509Certificate x509() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der()));
        } catch (CertificateException e) {
            throw new IllegalStateException("a recorded certificate is not DER", e);
        }
    }

    public String pem() {
        return Pem.encode(Pem.CERTIFICATE, der());
    }
}
