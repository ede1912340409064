package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevocationReason;
import health.registration.core.certificate.RevokedCertificate;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DynamoCertificateStore} against moto, each test on a fresh copy of the template's CertificatesTable. */
class DynamoCertificateStoreIT {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123Z");
    private static final String CA = "developers";

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.of("certificate-store-it", "CertificatesTable");

    private DynamoCertificateStore store;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoCertificateStore(TABLE.requests(), TABLE.name());
    }

    private static IssuedCertificate certificate(String ca, String serial) {
        return new IssuedCertificate(ca, serial, "CN=Example App", "https://app.example.com/udap",
                Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}),
                "{\"client_name\":\"Example App\"}", "arn:aws:iam::123456789012:user/operator", NOW,
                NOW.plus(Duration.ofDays(365)), null, "dev-4711");
    }

    private static IssuedCertificate.Revocation revocation(RevocationReason reason) {
        return new IssuedCertificate.Revocation(NOW.plusSeconds(60), reason, "arn:aws:iam::123456789012:user/other");
    }

    @Test
    void aRecordedCertificateReadsBackEqualForItsAuthorityOnly() {
        IssuedCertificate issued = certificate(CA, "0a1b");

        store.record(issued);

        assertThat(store.find(CA, "0a1b")).contains(issued);
        assertThat(store.find("other-ca", "0a1b")).isEmpty();
        assertThat(store.find(CA, "0a1c")).isEmpty();
    }

    @Test
    void findsEveryCertificateNamingAClientUriThroughTheIndexWithItsDeveloper() {
        IssuedCertificate first = certificate(CA, "0a1b");
        IssuedCertificate renewal = certificate("other-ca", "0a1c");
        store.record(first);
        store.record(renewal);
        store.record(new IssuedCertificate(CA, "0a1d", "CN=Other", "https://other.example.com/udap", first.certificate(),
                "{}", "arn:requester", NOW, NOW.plus(Duration.ofDays(1)), null, "dev-other"));
        store.revoke(CA, "0a1b", revocation(RevocationReason.SUPERSEDED));
        store.saveCrl(CA, new CrlDocument(BigInteger.ONE, NOW, NOW.plusSeconds(3600), new byte[] {1}));

        assertThat(store.bySanUri("https://app.example.com/udap")).containsExactlyInAnyOrder(
                store.find(CA, "0a1b").orElseThrow(), renewal);
        assertThat(store.bySanUri("https://app.example.com/udap")).allSatisfy(c ->
                assertThat(c.developerId()).isEqualTo("dev-4711"));
        assertThat(store.bySanUri("https://nobody.example.com/udap")).isEmpty();
    }

    @Test
    void aCertificateRecordedBeforeOwnershipWasProvenHasNoDeveloper() {
        IssuedCertificate legacy = new IssuedCertificate(CA, "0a1e", "CN=Old", "https://app.example.com/udap",
                certificate(CA, "0a1e").certificate(), "{}", "arn:requester", NOW, NOW.plus(Duration.ofDays(1)), null, null);

        store.record(legacy);

        assertThat(store.find(CA, "0a1e")).contains(legacy);
    }

    @Test
    void aSerialIsRecordedOncePerAuthority() {
        store.record(certificate(CA, "0a1b"));
        store.record(certificate("other-ca", "0a1b"));

        assertThatThrownBy(() -> store.record(certificate(CA, "0a1b"))).isInstanceOf(WriteConflict.class);
    }

    @Test
    void aRevocationMarksTheCertificateAndListsItForTheNextCrl() {
        store.record(certificate(CA, "0a1b"));
        store.record(certificate(CA, "0c2d"));
        IssuedCertificate.Revocation revocation = revocation(RevocationReason.KEY_COMPROMISE);

        IssuedCertificate revoked = store.revoke(CA, "0a1b", revocation);

        assertThat(revoked.revoked()).contains(revocation);
        assertThat(store.find(CA, "0a1b")).contains(revoked);
        assertThat(store.find(CA, "0c2d").orElseThrow().revoked()).isEmpty();
        assertThat(store.revoked(CA)).containsExactly(
                new RevokedCertificate("0a1b", revocation.at(), RevocationReason.KEY_COMPROMISE));
        assertThat(store.revoked("other-ca")).isEmpty();
    }

    @Test
    void aCertificateIsRevokedOnceAndAMissingOneNever() {
        store.record(certificate(CA, "0a1b"));
        store.revoke(CA, "0a1b", revocation(RevocationReason.SUPERSEDED));

        assertThatThrownBy(() -> store.revoke(CA, "0a1b", revocation(RevocationReason.KEY_COMPROMISE)))
                .isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.revoke(CA, "ffff", revocation(RevocationReason.SUPERSEDED)))
                .isInstanceOf(WriteConflict.class);
        assertThat(store.revoked(CA)).extracting(RevokedCertificate::reason).containsExactly(RevocationReason.SUPERSEDED);
        assertThat(store.find(CA, "ffff")).isEmpty();
    }

    @Test
    void listsEveryRevocationAcrossPages() {
        for (int i = 0; i < 30; i++) {
            String serial = String.format("%04x", i + 1);
            store.record(certificate(CA, serial));
            store.revoke(CA, serial, revocation(RevocationReason.CESSATION_OF_OPERATION));
        }

        assertThat(store.revoked(CA)).hasSize(30);
    }

    @Test
    void aCrlReplacesOnlyALowerNumberedOne() {
        CrlDocument first = crl(1, new byte[] {1, 2, 3});
        CrlDocument second = crl(2, new byte[] {4, 5});
        assertThat(store.currentCrl(CA)).isEmpty();

        store.saveCrl(CA, first);
        store.saveCrl(CA, second);

        assertThat(store.currentCrl(CA)).contains(second);
        assertThatThrownBy(() -> store.saveCrl(CA, crl(2, new byte[] {9}))).isInstanceOf(WriteConflict.class);
        assertThatThrownBy(() -> store.saveCrl(CA, first)).isInstanceOf(WriteConflict.class);
        assertThat(store.currentCrl(CA)).contains(second);
        assertThat(store.currentCrl("other-ca")).isEmpty();
    }

    @Test
    void aStoreThatDoesNotAnswerIsUnavailable() {
        DynamoCertificateStore missingTable = new DynamoCertificateStore(TABLE.requests(), "no-such-table-" + NOW.toEpochMilli());

        assertThatThrownBy(() -> missingTable.find(CA, "0a1b")).isInstanceOf(StoreUnavailable.class);
        assertThatThrownBy(() -> missingTable.revoked(CA)).isInstanceOf(StoreUnavailable.class);
        assertThatThrownBy(() -> missingTable.currentCrl(CA)).isInstanceOf(StoreUnavailable.class);
    }

    private static CrlDocument crl(long number, byte[] der) {
        Instant thisUpdate = Instant.parse("2026-06-01T12:00:00Z");
        return new CrlDocument(BigInteger.valueOf(number), thisUpdate, thisUpdate.plus(Duration.ofDays(7)), der);
    }
}
