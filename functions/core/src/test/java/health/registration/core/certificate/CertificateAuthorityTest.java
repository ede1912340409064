package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.port.WriteConflict;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/api/certificates.md, "2. The certificate" and "3. Revocation": issuance, its record and audit event; revocation
 * outcomes; the CRL kept current.
 */
class CertificateAuthorityTest {

    private final AuthorityBench bench = new AuthorityBench();

    @Test
    void issuesRecordsAndAuditsACertificateWithItsChain() throws Exception {
        IssuanceOutcome.Issued issued = bench.issue();

        IssuedCertificate record = issued.certificate();
        assertThat(bench.store.find(AuthorityBench.CA_NAME, record.serial())).contains(record);
        assertThat(record.caName()).isEqualTo(AuthorityBench.CA_NAME);
        assertThat(record.sanUri()).isEqualTo(TestCsrs.CLIENT_URI);
        assertThat(record.requester()).isEqualTo(AuthorityBench.REQUESTER);
        assertThat(record.status()).isEqualTo(IssuedCertificate.Status.ISSUED);
        assertThat(new ObjectMapper().readTree(record.metadata())).isEqualTo(AuthorityBench.metadata().toJson());
        assertThat(issued.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n").isEqualTo(record.pem());
        assertThat(issued.chainPem()).isEqualTo(bench.rootPem());
        assertThat(issued.audit()).isEqualTo(new OperatorAction(CertificateActions.ISSUE, AuthorityBench.REQUESTER,
                record.serial(), OperatorAction.DONE, AuthorityBench.NOW, AuthorityBench.DEVELOPER, null,
                Map.of("ca", AuthorityBench.CA_NAME, "san_uri", TestCsrs.CLIENT_URI), List.of()));
    }

    @Test
    void publishesAnEmptyCrlBeforeTheFirstCertificate() {
        bench.issue();

        assertThat(bench.store.savedCrls()).singleElement().satisfies(crl -> {
            assertThat(crl.number()).isEqualTo(BigInteger.ONE);
            assertThat(crl.x509().getRevokedCertificates()).isNull();
        });
    }

    @Test
    void issuesNothingForARefusedRequest() {
        IssuanceOutcome outcome = bench.ca.issue(new CertificateRequest(TestCsrs.pem(TestCsrs.request(TestCsrs.rsa1024())),
                TestCsrs.CLIENT_URI, AuthorityBench.metadata(), null, null), AuthorityBench.REQUESTER);

        assertThat(outcome).isInstanceOf(IssuanceOutcome.Refused.class);
        assertThat(((IssuanceOutcome.Refused) outcome).error().error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
        assertThat(bench.store.all()).isEmpty();
        assertThat(bench.store.savedCrls()).isEmpty();
    }

    @Test
    void drawsAnotherSerialWhenTheStoreHasItAlready() {
        bench.store.refusingNextRecords(2);

        IssuanceOutcome.Issued issued = bench.issue();

        assertThat(bench.store.all()).containsExactly(issued.certificate());
    }

    @Test
    void givesUpAfterThreeTakenSerials() {
        bench.store.refusingNextRecords(3);

        assertThatThrownBy(() -> bench.ca.issue(bench.proven(AuthorityBench.request()), AuthorityBench.REQUESTER))
                .isInstanceOf(WriteConflict.class);
        assertThat(bench.store.all()).isEmpty();
    }

    @Test
    void revokesAndPublishesACrlListingTheCertificate() {
        IssuedCertificate issued = bench.issue().certificate();
        bench.clock.advance(Duration.ofHours(2));

        RevocationOutcome outcome = bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker");

        assertThat(outcome).isInstanceOf(RevocationOutcome.Revoked.class);
        RevocationOutcome.Revoked revoked = (RevocationOutcome.Revoked) outcome;
        IssuedCertificate.Revocation revocation = new IssuedCertificate.Revocation(
                AuthorityBench.NOW.plus(Duration.ofHours(2)), RevocationReason.KEY_COMPROMISE, "arn:revoker");
        assertThat(revoked.certificate()).isEqualTo(issued.revoke(revocation));
        assertThat(bench.store.find(AuthorityBench.CA_NAME, issued.serial())).contains(revoked.certificate());
        assertThat(revoked.crl().number()).isEqualTo(BigInteger.TWO);
        assertThat(revoked.crl().lists(issued.x509().getSerialNumber())).isTrue();
        assertThat(bench.store.currentCrl(AuthorityBench.CA_NAME)).contains(revoked.crl());
        assertThat(revoked.audit()).isEqualTo(new OperatorAction(CertificateActions.REVOKE, "arn:revoker",
                issued.serial(), OperatorAction.DONE, revocation.at(), AuthorityBench.DEVELOPER, null,
                Map.of("ca", AuthorityBench.CA_NAME, "san_uri", TestCsrs.CLIENT_URI,
                        "reason", RevocationReason.KEY_COMPROMISE.code()), List.of()));
    }

    @Test
    void findsACertificateByItsSerialAsOpensslPrintsIt() {
        IssuedCertificate issued = bench.issue().certificate();
        String printed = String.join(":", ("00" + issued.serial()).toUpperCase(Locale.ROOT).split("(?<=\\G..)"));

        assertThat(bench.ca.revoke(printed, RevocationReason.SUPERSEDED, "arn:revoker"))
                .isInstanceOf(RevocationOutcome.Revoked.class);
    }

    @Test
    void answersAlreadyRevokedTheSecondTimeWithoutANewCrl() {
        IssuedCertificate issued = bench.issue().certificate();
        bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:first");

        RevocationOutcome second = bench.ca.revoke(issued.serial(), RevocationReason.SUPERSEDED, "arn:second");

        assertThat(second).isInstanceOf(RevocationOutcome.AlreadyRevoked.class);
        IssuedCertificate kept = ((RevocationOutcome.AlreadyRevoked) second).certificate();
        assertThat(kept.revoked().orElseThrow().requester()).isEqualTo("arn:first");
        assertThat(kept.revoked().orElseThrow().reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(bench.store.savedCrls()).extracting(CrlDocument::number).containsExactly(BigInteger.ONE, BigInteger.TWO);
    }

    @Test
    void answersAlreadyRevokedWhenAConcurrentRevocationWins() {
        IssuedCertificate issued = bench.issue().certificate();
        bench.scripted.beforeNextRevoke(() -> bench.store.revoke(AuthorityBench.CA_NAME, issued.serial(),
                new IssuedCertificate.Revocation(AuthorityBench.NOW, RevocationReason.UNSPECIFIED, "arn:winner")));

        RevocationOutcome outcome = bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:loser");

        assertThat(outcome).isInstanceOf(RevocationOutcome.AlreadyRevoked.class);
        assertThat(bench.store.currentCrl(AuthorityBench.CA_NAME).orElseThrow().lists(issued.x509().getSerialNumber()))
                .as("the loser publishes the CRL the winner may not have").isTrue();
    }

    @Test
    void repairsACrlThatAFailureLeftWithoutTheRevocationOnTheNextAttempt() {
        IssuedCertificate issued = bench.issue().certificate();
        bench.scripted.failingCrlSaves(CertificateRevocationLists.ATTEMPTS);
        assertThatThrownBy(() -> bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .isInstanceOf(WriteConflict.class);
        BigInteger serial = issued.x509().getSerialNumber();
        assertThat(bench.store.currentCrl(AuthorityBench.CA_NAME).orElseThrow().lists(serial)).isFalse();

        RevocationOutcome retried = bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker");

        assertThat(retried).isInstanceOf(RevocationOutcome.AlreadyRevoked.class);
        assertThat(bench.store.currentCrl(AuthorityBench.CA_NAME).orElseThrow().lists(serial)).isTrue();
    }

    @Test
    void answersNotFoundForASerialItNeverIssued() {
        bench.issue();

        assertThat(bench.ca.revoke("1234abcd", RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .isEqualTo(new RevocationOutcome.NotFound());
        assertThat(bench.ca.revoke("not a serial", RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .isEqualTo(new RevocationOutcome.NotFound());
        assertThat(bench.store.savedCrls()).hasSize(1);
    }

    @Test
    void signsTheCrlAgainOnlyWhenItIsMissingOrNearItsNextUpdate() {
        CrlDocument first = bench.ca.crl();
        assertThat(first.number()).isEqualTo(BigInteger.ONE);

        bench.clock.advance(Duration.ofDays(5));
        assertThat(bench.ca.crl()).as("two days remain: kept").isEqualTo(first);
        bench.clock.advance(Duration.ofDays(1));
        assertThat(bench.ca.crl()).as("exactly one day remains: signed again").satisfies(crl -> {
            assertThat(crl.number()).isEqualTo(BigInteger.TWO);
            assertThat(crl.thisUpdate()).isEqualTo(AuthorityBench.NOW.plus(Duration.ofDays(6)));
        });
        bench.clock.advance(Duration.ofDays(30));
        assertThat(bench.ca.crl().number()).as("long expired: signed again").isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void publishesItsCrlUrlAndKeepsItsKeyOutOfItsDescription() {
        assertThat(bench.ca.crlUrl()).hasToString(AuthorityBench.CRL_URL);
        assertThat(bench.authority.toString()).contains("redacted").doesNotContain(
                java.util.Base64.getEncoder().encodeToString(bench.root.credential().privateKey().getEncoded()).substring(0, 40));
    }

    @Test
    void refusesTheSecondOfTwoIssuancesThatRaceForOneChallenge() {
        CertificateRequest request = bench.proven(AuthorityBench.request());
        ChallengeStore racing = new ChallengeStore() {
            @Override
            public void save(OwnershipChallenge challenge) {
                bench.challenges.save(challenge);
            }

            @Override
            public java.util.Optional<OwnershipChallenge> find(String tokenHash) {
                return bench.challenges.find(tokenHash);
            }

            /** The other issuance marks the challenge used between this one's review and its claim. */
            @Override
            public void use(String tokenHash, java.time.Instant at) {
                bench.challenges.use(tokenHash, at);
                bench.challenges.use(tokenHash, at);
            }
        };
        CertificateOwnership ownership = new CertificateOwnership(racing, bench.site, bench.scripted, bench.clock);
        CertificateAuthority ca = new CertificateAuthority(IssuingAuthoritySource.of(bench.authority), bench.settings,
                new CertificateRequestReview(health.registration.core.policy.rules.ValidMetadata.CONTEXT, bench.prober,
                        ownership), bench.scripted, bench.clock);

        IssuanceOutcome outcome = ca.issue(request, AuthorityBench.REQUESTER);

        assertThat(outcome).isInstanceOfSatisfying(IssuanceOutcome.Refused.class, refused ->
                assertThat(refused.error().description()).contains("challenge was used already"));
        assertThat(bench.store.bySanUri(request.sanUri())).as("nothing issued").isEmpty();
    }

    @Test
    void passesOnAConflictingRevocationThatLeftTheCertificateUnrevoked() {
        IssuedCertificate issued = bench.issue().certificate();
        WriteConflict conflict = new WriteConflict("the record changed");
        bench.scripted.beforeNextRevoke(() -> {
            throw conflict;
        });

        assertThatThrownBy(() -> bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .isSameAs(conflict);
        assertThat(bench.store.find(AuthorityBench.CA_NAME, issued.serial()).orElseThrow().revoked()).isEmpty();
    }
}
