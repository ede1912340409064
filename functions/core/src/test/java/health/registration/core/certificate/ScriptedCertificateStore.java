package health.registration.core.certificate;

import health.registration.core.port.InMemoryCertificateStore;
import health.registration.core.port.WriteConflict;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory store into which a test slips another writer: an action that runs just before the next revocation or
 * the next CRL save (as a concurrent request would), or CRL saves that fail.
 */
final class ScriptedCertificateStore implements CertificateStore {

    final InMemoryCertificateStore delegate = new InMemoryCertificateStore();
    private final AtomicReference<Runnable> beforeNextRevoke = new AtomicReference<>();
    private final AtomicReference<Runnable> beforeNextCrlSave = new AtomicReference<>();
    private final AtomicInteger failingCrlSaves = new AtomicInteger();

    ScriptedCertificateStore beforeNextRevoke(Runnable action) {
        beforeNextRevoke.set(action);
        return this;
    }

    ScriptedCertificateStore beforeNextCrlSave(Runnable action) {
        beforeNextCrlSave.set(action);
        return this;
    }

    /** The next {@code count} CRL saves fail as if another refresh always won. */
    ScriptedCertificateStore failingCrlSaves(int count) {
        failingCrlSaves.set(count);
        return this;
    }

    @Override
    public void record(IssuedCertificate certificate) {
        delegate.record(certificate);
    }

    @Override
    public Optional<IssuedCertificate> find(String caName, String serial) {
        return delegate.find(caName, serial);
    }

    @Override
    public List<IssuedCertificate> bySanUri(String sanUri) {
        return delegate.bySanUri(sanUri);
    }

    @Override
    public IssuedCertificate revoke(String caName, String serial, IssuedCertificate.Revocation revocation) {
        run(beforeNextRevoke);
        return delegate.revoke(caName, serial, revocation);
    }

    @Override
    public List<RevokedCertificate> revoked(String caName) {
        return delegate.revoked(caName);
    }

    @Override
    public void saveCrl(String caName, CrlDocument crl) {
        run(beforeNextCrlSave);
        if (failingCrlSaves.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WriteConflict("another refresh won (scripted)");
        }
        delegate.saveCrl(caName, crl);
    }

    @Override
    public Optional<CrlDocument> currentCrl(String caName) {
        return delegate.currentCrl(caName);
    }

    private static void run(AtomicReference<Runnable> slot) {
        Runnable action = slot.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }
}
