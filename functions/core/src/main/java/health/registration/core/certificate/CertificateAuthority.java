package health.registration.core.certificate;

import health.registration.core.model.MetadataMember;
import health.registration.core.policy.RegistrationError;
import health.registration.core.port.WriteConflict;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The developer-certificate authority: issues UDAP client certificates for reviewed requests,
 * records each one, revokes them and keeps the CRL current. Its private key is used only here, through
 * {@link IssuingAuthority}, read from its {@link IssuingAuthoritySource} by each issuance and revocation and by each
 * CRL it signs, never when it is built; ownership challenges and a current stored CRL need no key. Store failures
 * ({@code StoreUnavailable}, also a key that cannot be read) pass through; nothing else is thrown for a bad request.
 * Thread-safe when the store, the review and the source are.
 */
public final class CertificateAuthority {

    /** Two random 159-bit serials collide practically never; a few draws settle even a buggy random source. */
    static final int SERIAL_ATTEMPTS = 3;

    private final IssuingAuthoritySource authority;
    private final CertificateAuthoritySettings settings;
    private final CertificateRequestReview review;
    private final CertificateStore store;
    private final Clock clock;
    private final URI crlUrl;
    private final SecureRandom random = new SecureRandom();

    /** Reads no key: {@code authority} is asked for it when a certificate or CRL is signed. */
    public CertificateAuthority(IssuingAuthoritySource authority, CertificateAuthoritySettings settings,
            CertificateRequestReview review, CertificateStore store, Clock clock) {
        this.authority = Objects.requireNonNull(authority);
        this.settings = Objects.requireNonNull(settings);
        this.review = Objects.requireNonNull(review);
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.crlUrl = authority.crlUrl(settings.publicBaseUrl());
    }

    /**
     * Reviews the request and, when it passes, issues and records a certificate.
     *
     * @param requester the IAM caller's ARN, or {@code local-operator}
     */
    public IssuanceOutcome issue(CertificateRequest request, String requester) {
        Objects.requireNonNull(requester);
        // The key first: when it cannot be read (503), the request's challenge is not yet used and may be sent again.
        IssuingAuthority key = authority.current();
        CertificateRequestReview.Approved approved;
        switch (review.review(Objects.requireNonNull(request))) {
            case CertificateRequestReview.Refused refused -> {
                return new IssuanceOutcome.Refused(refused.error());
            }
            case CertificateRequestReview.Approved reviewed -> approved = reviewed;
        }
        Optional<RegistrationError> used = review.claim(request);
        if (used.isPresent()) {
            return new IssuanceOutcome.Refused(used.get());
        }
        Instant now = clock.instant();
        // A CRL exists before any certificate naming it does, so relying parties never find its URL empty.
        crls(() -> key).current(now);
        IssuedCertificate recorded = record(new CertificateProfile(key, settings), approved, requester, now);
        return new IssuanceOutcome.Issued(recorded, key.chainPem(), CertificateActions.issued(recorded));
    }

    private IssuedCertificate record(CertificateProfile profile, CertificateRequestReview.Approved approved,
            String requester, Instant now) {
        String clientName = approved.metadata().text(MetadataMember.CLIENT_NAME).orElseThrow();
        WriteConflict last = null;
        for (int attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
            X509Certificate certificate = profile.issue(approved.csr().subjectPublicKeyInfo(), clientName,
                    approved.sanUri(), CertificateSerial.random(random), now);
            IssuedCertificate issued = new IssuedCertificate(authority.name(),
                    CertificateSerial.hex(certificate.getSerialNumber()),
                    certificate.getSubjectX500Principal().getName(), approved.sanUri(), base64(certificate),
                    approved.metadata().toJson().toString(), requester, now, certificate.getNotAfter().toInstant(),
                    null, approved.developerId());
            try {
                store.record(issued);
                return issued;
            } catch (WriteConflict serialTaken) {
                last = serialTaken;
            }
        }
        throw last;
    }

    /**
     * Revokes a certificate of this authority and publishes a CRL listing it.
     *
     * @param serial    the serial as an operator wrote it (see {@link CertificateSerial#parse})
     * @param requester the IAM caller's ARN, or {@code local-operator}
     */
    public RevocationOutcome revoke(String serial, RevocationReason reason, String requester) {
        Objects.requireNonNull(reason);
        Objects.requireNonNull(requester);
        Optional<BigInteger> number = CertificateSerial.parse(serial);
        Optional<IssuedCertificate> found = number.flatMap(n -> store.find(authority.name(), CertificateSerial.hex(n)));
        if (found.isEmpty()) {
            return new RevocationOutcome.NotFound();
        }
        // Read before the revocation is recorded, so that a key that cannot be read (503) leaves no revocation that
        // no CRL lists (RFC 5280 §3.3: relying parties learn of it from the CRL alone).
        IssuingAuthority key = authority.current();
        Instant now = clock.instant();
        if (found.get().revoked().isPresent()) {
            return alreadyRevoked(key, found.get(), now);
        }
        IssuedCertificate revoked;
        try {
            revoked = store.revoke(authority.name(), found.get().serial(),
                    new IssuedCertificate.Revocation(now, reason, requester));
        } catch (WriteConflict revokedMeanwhile) {
            IssuedCertificate winner = store.find(authority.name(), found.get().serial())
                    .filter(c -> c.revoked().isPresent()).orElseThrow(() -> revokedMeanwhile);
            return alreadyRevoked(key, winner, now);
        }
        CrlDocument crl = crls(() -> key).listing(new BigInteger(revoked.serial(), 16), now);
        return new RevocationOutcome.Revoked(revoked, crl, CertificateActions.revoked(revoked));
    }

    /** A repeated revocation also repairs a CRL that a failure left without the entry. */
    private RevocationOutcome alreadyRevoked(IssuingAuthority key, IssuedCertificate certificate, Instant now) {
        crls(() -> key).listing(new BigInteger(certificate.serial(), 16), now);
        return new RevocationOutcome.AlreadyRevoked(certificate);
    }

    /**
     * The current CRL, signed again first when there is none or its nextUpdate is within the refresh margin: what
     * {@code GET /crl/{ca}.crl} serves and what the scheduled refresh calls. Reads the key only to sign.
     */
    public CrlDocument crl() {
        return crls(authority::current).current(clock.instant());
    }

    /** The CRLs, signed with the key {@code key} gives when one is signed: built per use, which is cheap. */
    private CertificateRevocationLists crls(Supplier<IssuingAuthority> key) {
        return new CertificateRevocationLists(() -> new CrlProfile(key.get(), settings), store, authority.name(),
                settings.crlRefresh());
    }

    /** Who may obtain a certificate for a client URI: issues the ownership challenges this authority checks. */
    public CertificateOwnership ownership() {
        return review.ownership();
    }

    /** The CA's name, from configuration: its CRL is {@code /crl/{name}.crl}. Reads no key. */
    public String name() {
        return authority.name();
    }

    /** Where this authority's CRL is published; the CRL distribution point of every certificate it issues. */
    public URI crlUrl() {
        return crlUrl;
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
