package health.registration.core.port;

import health.registration.core.certificate.CertificateStore;
import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevokedCertificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates, revocations and CRLs of issuing authorities, in memory, with the conditions the table enforces:
 * a serial is recorded once per authority, a certificate is revoked once, a CRL replaces only a lower-numbered one.
 * Each write is atomic. Can refuse the next recordings, as a concurrent writer would. Thread-safe.
 */
public final class InMemoryCertificateStore implements CertificateStore {

    private record Key(String caName, String serial) {}

    private final Map<Key, IssuedCertificate> certificates = new HashMap<>();
    private final Map<String, List<RevokedCertificate>> revocations = new HashMap<>();
    private final Map<String, CrlDocument> crls = new HashMap<>();
    private final List<CrlDocument> saved = new ArrayList<>();
    private int conflictsToInject;

    /** The next {@code count} recordings fail with WriteConflict, as if their serials were taken. */
    public synchronized InMemoryCertificateStore refusingNextRecords(int count) {
        conflictsToInject = count;
        return this;
    }

    @Override
    public synchronized void record(IssuedCertificate certificate) {
        Key key = new Key(certificate.caName(), certificate.serial());
        if (conflictsToInject > 0) {
            conflictsToInject--;
            throw new WriteConflict("serial " + certificate.serial() + " is taken (injected)");
        }
        if (certificates.containsKey(key)) {
            throw new WriteConflict("serial " + certificate.serial() + " is taken");
        }
        certificates.put(key, certificate);
    }

    @Override
    public synchronized Optional<IssuedCertificate> find(String caName, String serial) {
        return Optional.ofNullable(certificates.get(new Key(caName, serial)));
    }

    @Override
    public synchronized List<IssuedCertificate> bySanUri(String sanUri) {
        return certificates.values().stream().filter(c -> c.sanUri().equals(sanUri)).toList();
    }

    @Override
    public synchronized IssuedCertificate revoke(String caName, String serial, IssuedCertificate.Revocation revocation) {
        Key key = new Key(caName, serial);
        IssuedCertificate current = certificates.get(key);
        if (current == null || current.revoked().isPresent()) {
            throw new WriteConflict("certificate " + serial + " is missing or already revoked");
        }
        IssuedCertificate revoked = current.revoke(revocation);
        certificates.put(key, revoked);
        revocations.computeIfAbsent(caName, name -> new ArrayList<>()).add(revoked.crlEntry().orElseThrow());
        return revoked;
    }

    @Override
    public synchronized List<RevokedCertificate> revoked(String caName) {
        return List.copyOf(revocations.getOrDefault(caName, List.of()));
    }

    @Override
    public synchronized void saveCrl(String caName, CrlDocument crl) {
        CrlDocument stored = crls.get(caName);
        if (stored != null && stored.number().compareTo(crl.number()) >= 0) {
            throw new WriteConflict("CRL " + crl.number() + " is not above the stored " + stored.number());
        }
        crls.put(caName, crl);
        saved.add(crl);
    }

    @Override
    public synchronized Optional<CrlDocument> currentCrl(String caName) {
        return Optional.ofNullable(crls.get(caName));
    }

    /** Every certificate recorded, of every authority. */
    public synchronized List<IssuedCertificate> all() {
        return List.copyOf(certificates.values());
    }

    /** Every CRL saved, in order, of every authority. */
    public synchronized List<CrlDocument> savedCrls() {
        return List.copyOf(saved);
    }
}
