package health.registration.core.port;

import health.registration.core.certificate.CertificateStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevocationReason;
import health.registration.core.certificate.RevokedCertificate;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the CertificateStore contract the DynamoDB adapter must keep too. */
class InMemoryCertificateStoreTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final IssuedCertificate.Revocation REVOCATION =
            new IssuedCertificate.Revocation(NOW.plusSeconds(60), RevocationReason.KEY_COMPROMISE, "arn:revoker");

    private final InMemoryCertificateStore store = new InMemoryCertificateStore();

    @Test
    void recordsASerialOncePerAuthority() {
        store.record(certificate("ca", "1a"));

        assertThat(store.find("ca", "1a")).contains(certificate("ca", "1a"));
        assertThatThrownBy(() -> store.record(certificate("ca", "1a"))).isInstanceOf(WriteConflict.class);
        store.record(certificate("other", "1a"));
        assertThat(store.find("ca", "2b")).isEmpty();
        assertThat(store.all()).hasSize(2);
    }

    @Test
    void revokesOnceAndListsTheRevocationForItsAuthorityOnly() {
        store.record(certificate("ca", "1a"));
        store.record(certificate("ca", "2b"));
        store.record(certificate("other", "1a"));

        IssuedCertificate revoked = store.revoke("ca", "1a", REVOCATION);

        assertThat(revoked.status()).isEqualTo(IssuedCertificate.Status.REVOKED);
        assertThat(store.find("ca", "1a")).contains(revoked);
        assertThat(store.revoked("ca")).containsExactly(new RevokedCertificate("1a", REVOCATION.at(), REVOCATION.reason()));
        assertThat(store.revoked("other")).isEmpty();
        assertThatThrownBy(() -> store.revoke("ca", "1a", REVOCATION)).isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.revoke("ca", "ff", REVOCATION)).isInstanceOf(WriteConflict.class);
        assertThat(store.revoked("ca")).hasSize(1);
    }

    @Test
    void replacesACrlOnlyWithAHigherNumberedOne() {
        store.saveCrl("ca", crl(2));

        assertThatThrownBy(() -> store.saveCrl("ca", crl(2))).isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.saveCrl("ca", crl(1))).isInstanceOf(WriteConflict.class);
        store.saveCrl("ca", crl(5));
        store.saveCrl("other", crl(1));

        assertThat(store.currentCrl("ca")).contains(crl(5));
        assertThat(store.currentCrl("other")).contains(crl(1));
        assertThat(store.currentCrl("none")).isEmpty();
    }

    @Test
    void refusesInjectedRecordingsAsIfTheirSerialsWereTaken() {
        store.refusingNextRecords(1);

        assertThatThrownBy(() -> store.record(certificate("ca", "1a"))).isInstanceOf(WriteConflict.class);
        store.record(certificate("ca", "1a"));
        assertThat(store.all()).hasSize(1);
    }

    private static IssuedCertificate certificate(String caName, String serial) {
        return new IssuedCertificate(caName, serial, "CN=App", "https://app.example.com/udap", "AAAA", "{}",
                "arn:requester", NOW, NOW.plusSeconds(86400), null, "dev-1");
    }

    private static CrlDocument crl(int number) {
        return new CrlDocument(BigInteger.valueOf(number), NOW, NOW.plusSeconds(3600), new byte[] {(byte) number});
    }
}
