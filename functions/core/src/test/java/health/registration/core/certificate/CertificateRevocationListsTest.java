package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.port.WriteConflict;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRL number only grows, and a refresh that lost to a concurrent one builds again from what the store holds. */
class CertificateRevocationListsTest {

    private final AuthorityBench bench = new AuthorityBench();
    private final CertificateRevocationLists crls = new CertificateRevocationLists(
            () -> new CrlProfile(bench.authority, bench.settings), bench.scripted, AuthorityBench.CA_NAME, Duration.ofDays(1));

    @Test
    void numbersEachNewCrlOneAboveTheStoredOne() {
        assertThat(crls.regenerate(AuthorityBench.NOW).number()).isEqualTo(BigInteger.ONE);
        assertThat(crls.regenerate(AuthorityBench.NOW).number()).isEqualTo(BigInteger.TWO);
        assertThat(bench.store.savedCrls()).extracting(CrlDocument::number).containsExactly(BigInteger.ONE, BigInteger.TWO);
    }

    @Test
    void buildsAgainWithTheRevocationAConcurrentRevokerRecordedWhileItSigned() {
        IssuedCertificate issued = bench.issue().certificate();
        IssuedCertificate.Revocation revocation = new IssuedCertificate.Revocation(AuthorityBench.NOW,
                RevocationReason.KEY_COMPROMISE, "arn:concurrent");
        // The concurrent revoker records its revocation and publishes its CRL just before this refresh saves.
        bench.scripted.beforeNextCrlSave(() -> {
            bench.store.revoke(AuthorityBench.CA_NAME, issued.serial(), revocation);
            new CertificateRevocationLists(() -> new CrlProfile(bench.authority, bench.settings), bench.store,
                    AuthorityBench.CA_NAME, Duration.ofDays(1)).regenerate(AuthorityBench.NOW);
        });

        CrlDocument crl = crls.regenerate(AuthorityBench.NOW);

        assertThat(crl.number()).isEqualTo(BigInteger.valueOf(3));
        assertThat(crl.lists(issued.x509().getSerialNumber())).isTrue();
        assertThat(bench.store.savedCrls()).extracting(CrlDocument::number)
                .containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3));
    }

    @Test
    void givesUpAfterLosingEveryAttempt() {
        bench.scripted.failingCrlSaves(CertificateRevocationLists.ATTEMPTS);

        assertThatThrownBy(() -> crls.regenerate(AuthorityBench.NOW)).isInstanceOf(WriteConflict.class);
        assertThat(bench.store.currentCrl(AuthorityBench.CA_NAME)).isEmpty();
    }

    @Test
    void keepsACrlThatListsTheSerialAndIsCurrent() {
        IssuedCertificate issued = bench.issue().certificate();
        bench.ca.revoke(issued.serial(), RevocationReason.SUPERSEDED, "arn:revoker");
        List<CrlDocument> before = bench.store.savedCrls();

        CrlDocument listing = crls.listing(issued.x509().getSerialNumber(), AuthorityBench.NOW);

        assertThat(listing).isEqualTo(before.get(before.size() - 1));
        assertThat(bench.store.savedCrls()).isEqualTo(before);
    }
}
