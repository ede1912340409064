package health.registration.core.certificate;

import health.registration.core.port.WriteConflict;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The authority's published CRL: signed again on every revocation and whenever the stored one is missing or within
 * the refresh margin of its nextUpdate (docs/api/certificates.md, "3. Revocation"). Each
 * new CRL has the stored number plus one and lists every revocation recorded when it was built. The store refuses a
 * CRL whose number is not above the stored one, so of two concurrent refreshes one fails and builds again from what
 * the store then holds: a CRL listing a revocation is never replaced by one built before it.
 */
final class CertificateRevocationLists {

    /** Concurrent refreshes are rare (a revocation, the schedule): a few rounds settle them. */
    static final int ATTEMPTS = 5;

    private final Supplier<CrlProfile> profile;
    private final CertificateStore store;
    private final String caName;
    private final Duration refresh;

    /** @param profile how a CRL is signed: asked only when one is, since it reads the issuing CA's key */
    CertificateRevocationLists(Supplier<CrlProfile> profile, CertificateStore store, String caName, Duration refresh) {
        this.profile = profile;
        this.store = store;
        this.caName = caName;
        this.refresh = refresh;
    }

    /** The stored CRL while it is current beyond the refresh margin; otherwise a new one, stored. */
    CrlDocument current(Instant now) {
        Optional<CrlDocument> stored = store.currentCrl(caName);
        if (stored.isPresent() && stored.get().nextUpdate().minus(refresh).isAfter(now)) {
            return stored.get();
        }
        return regenerate(now);
    }

    /** The stored CRL when it lists the serial; otherwise a new one, which does. */
    CrlDocument listing(BigInteger serial, Instant now) {
        Optional<CrlDocument> stored = store.currentCrl(caName);
        if (stored.isPresent() && stored.get().lists(serial) && stored.get().nextUpdate().minus(refresh).isAfter(now)) {
            return stored.get();
        }
        return regenerate(now);
    }

    /**
     * Signs and stores a CRL of every revocation recorded now.
     *
     * @throws WriteConflict when other refreshes won {@link #ATTEMPTS} times in a row
     */
    CrlDocument regenerate(Instant now) {
        CrlProfile signer = profile.get();
        WriteConflict last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // The number is read before the revocations: a CRL built from an older list carries an older number.
            BigInteger number = store.currentCrl(caName).map(CrlDocument::number).orElse(BigInteger.ZERO)
                    .add(BigInteger.ONE);
            List<RevokedCertificate> revoked = store.revoked(caName);
            CrlDocument crl = signer.sign(number, revoked, now);
            try {
                store.saveCrl(caName, crl);
                return crl;
            } catch (WriteConflict concurrentRefresh) {
                last = concurrentRefresh;
            }
        }
        throw last;
    }
}
