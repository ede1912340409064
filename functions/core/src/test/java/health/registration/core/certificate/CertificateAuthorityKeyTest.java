package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The authority's key and chain come from its {@link IssuingAuthoritySource} when a certificate or CRL is signed,
 * never when it is built: challenges and a current CRL need no key, a key that cannot be read leaves nothing half
 * done, and a warm authority signs with a rotated key once its secret is re-read.
 */
class CertificateAuthorityKeyTest {

    private final AuthorityBench bench = new AuthorityBench();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean unreadable = new AtomicBoolean();
    /** The bench's key and chain, counting reads; unreadable (as a missing secret is) while asked to be. */
    private final Supplier<IssuingAuthority> counted = () -> {
        reads.incrementAndGet();
        if (unreadable.get()) {
            throw new StoreUnavailable("the secret CERTIFICATE_AUTHORITY_SECRET (test) is unavailable", null);
        }
        return bench.authority;
    };
    private final CertificateAuthority ca = bench.ca(new IssuingAuthoritySource(AuthorityBench.CA_NAME, counted));

    @Test
    void readsNoKeyToBeBuiltToChallengeOrToServeACurrentCrl() {
        assertThat(ca.name()).isEqualTo(AuthorityBench.CA_NAME);
        assertThat(ca.crlUrl()).hasToString(AuthorityBench.CRL_URL);
        assertThat(ca.ownership().challenge(AuthorityBench.DEVELOPER, TestCsrs.CLIENT_URI))
                .isInstanceOf(ChallengeOutcome.Issued.class);
        assertThat(reads).as("reads before the first CRL").hasValue(0);

        CrlDocument signed = ca.crl();
        assertThat(reads).as("the first CRL is signed").hasValue(1);
        assertThat(ca.crl()).isEqualTo(signed);
        assertThat(reads).as("the stored CRL is current").hasValue(1);
    }

    @Test
    void issuesNothingAndKeepsTheChallengeForARetryWhileTheKeyCannotBeRead() {
        CertificateRequest proven = bench.proven(AuthorityBench.request());
        unreadable.set(true);

        assertThatThrownBy(() -> ca.issue(proven, AuthorityBench.REQUESTER)).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.store.all()).isEmpty();
        assertThat(bench.store.savedCrls()).isEmpty();
        unreadable.set(false);

        assertThat(ca.issue(proven, AuthorityBench.REQUESTER)).as("the same token, once the key is back")
                .isInstanceOf(IssuanceOutcome.Issued.class);
    }

    @Test
    void recordsNoRevocationThatNoCrlWouldListWhileTheKeyCannotBeRead() {
        IssuedCertificate issued = bench.issue().certificate();
        unreadable.set(true);

        assertThatThrownBy(() -> ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .isInstanceOf(StoreUnavailable.class);
        assertThat(bench.store.find(AuthorityBench.CA_NAME, issued.serial()).orElseThrow().revoked()).isEmpty();
        assertThat(ca.revoke("1234abcd", RevocationReason.KEY_COMPROMISE, "arn:revoker"))
                .as("an unknown serial needs no key").isEqualTo(new RevocationOutcome.NotFound());
    }

    @Test
    void refusesAKeyAndChainReadUnderAnotherName() {
        IssuingAuthority other = IssuingAuthority.of(bench.root.credential().privateKey(),
                List.of(bench.root.certificate()), "other-ca");
        CertificateAuthority misread = bench.ca(new IssuingAuthoritySource(AuthorityBench.CA_NAME, () -> other));

        assertThatThrownBy(misread::crl).isInstanceOf(IllegalStateException.class).hasMessageContaining("other-ca");
    }

    /** One authority instance (a warm function) over a refreshing secret, as the certificates function holds it. */
    @Test
    void signsWithARotatedKeyAndChainOnceTheWarmAuthorityReReadsItsSecret() throws Exception {
        TestAuthority rotated = AuthorityBench.ecRoot(TestKeys.P256);
        String[] secretText = {keyAndChain(bench.root)};
        RefreshingSecret<IssuingAuthority> secret = new RefreshingSecret<>("CERTIFICATE_AUTHORITY_SECRET (test)",
                () -> secretText[0], text -> IssuingAuthority.fromPem(text, text, AuthorityBench.CA_NAME),
                RefreshingSecret.Timing.every(Duration.ofSeconds(60)), bench.clock, line -> { });
        CertificateAuthority warm = bench.ca(new IssuingAuthoritySource(AuthorityBench.CA_NAME, secret));
        assertThat(issue(warm).chainPem()).isEqualTo(bench.rootPem());

        secretText[0] = keyAndChain(rotated);
        bench.clock.advance(Duration.ofSeconds(59));
        IssuanceOutcome.Issued before = issue(warm);
        assertThat(before.chainPem()).as("before the refresh").isEqualTo(bench.rootPem());
        certificate(before).verify(bench.root.certificate().getPublicKey());
        bench.clock.advance(Duration.ofSeconds(1));

        IssuanceOutcome.Issued after = issue(warm);
        assertThat(after.chainPem()).isEqualTo(TestPki.pem(rotated.certificate()));
        certificate(after).verify(rotated.certificate().getPublicKey());
        RevocationOutcome revoked = warm.revoke(after.certificate().serial(), RevocationReason.SUPERSEDED, "arn:revoker");
        ((RevocationOutcome.Revoked) revoked).crl().x509().verify(rotated.certificate().getPublicKey());
    }

    private IssuanceOutcome.Issued issue(CertificateAuthority authority) {
        IssuanceOutcome outcome = authority.issue(bench.proven(AuthorityBench.request()), AuthorityBench.REQUESTER);
        assertThat(outcome).as("outcome %s", outcome).isInstanceOf(IssuanceOutcome.Issued.class);
        return (IssuanceOutcome.Issued) outcome;
    }

    /** The secret's text: the key PEM followed by the chain PEM. */
    private static String keyAndChain(TestAuthority root) {
        return Pem.encode("PRIVATE KEY", root.credential().privateKey().getEncoded()) + TestPki.pem(root.certificate());
    }

    private static X509Certificate certificate(IssuanceOutcome.Issued issued) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(issued.certificatePem().getBytes(StandardCharsets.UTF_8)));
    }
}
