package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.udap.TestKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 5280 §5 as this authority writes its CRL, judged after a revocation by the JDK and by openssl. */
class CrlProfileTest {

    private static final Instant LATER = AuthorityBench.NOW.plus(Duration.ofHours(3));

    @TempDir
    Path directory;

    private final AuthorityBench bench = new AuthorityBench();

    @Test
    void isACompleteV2CrlOfTheCaWithItsNumberAndKeyIdentifier() throws Exception {
        IssuedCertificate issued = bench.issue().certificate();
        bench.clock.set(LATER);

        CrlDocument crl = revoke(issued, RevocationReason.KEY_COMPROMISE);
        X509CRL x509 = crl.x509();

        x509.verify(bench.root.certificate().getPublicKey());
        assertThat(x509.getVersion()).isEqualTo(2);
        assertThat(x509.getIssuerX500Principal()).isEqualTo(bench.root.certificate().getSubjectX500Principal());
        assertThat(x509.getThisUpdate().toInstant()).isEqualTo(LATER).isEqualTo(crl.thisUpdate());
        assertThat(x509.getNextUpdate().toInstant()).isEqualTo(LATER.plus(Duration.ofDays(7))).isEqualTo(crl.nextUpdate());
        assertThat(ASN1Integer.getInstance(octets(x509, Extension.cRLNumber.getId())).getValue())
                .isEqualTo(BigInteger.TWO).isEqualTo(crl.number());
        byte[] caKeyId = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(bench.root.certificate()
                .getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
        assertThat(AuthorityKeyIdentifier.getInstance(octets(x509, Extension.authorityKeyIdentifier.getId()))
                .getKeyIdentifier()).isEqualTo(caKeyId);
        assertThat(x509.getCriticalExtensionOIDs()).isEmpty();
        assertThat(crl.der()).isEqualTo(x509.getEncoded());
    }

    @Test
    void listsEachRevocationWithItsDate() {
        IssuedCertificate first = bench.issue().certificate();
        IssuedCertificate kept = bench.issue().certificate();
        IssuedCertificate second = bench.issue().certificate();
        revoke(first, RevocationReason.SUPERSEDED);
        bench.clock.set(LATER);

        X509CRL crl = revoke(second, RevocationReason.CESSATION_OF_OPERATION).x509();

        assertThat(crl.getRevokedCertificates()).extracting(X509CRLEntry::getSerialNumber)
                .containsExactlyInAnyOrder(first.x509().getSerialNumber(), second.x509().getSerialNumber());
        assertThat(crl.getRevokedCertificate(second.x509().getSerialNumber()).getRevocationDate().toInstant())
                .isEqualTo(LATER);
        assertThat(crl.getRevokedCertificate(kept.x509().getSerialNumber())).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(RevocationReason.class)
    void givesEveryReasonButUnspecifiedAsAReasonCode(RevocationReason reason) {
        IssuedCertificate issued = bench.issue().certificate();

        X509CRLEntry entry = revoke(issued, reason).x509().getRevokedCertificate(issued.x509().getSerialNumber());

        if (reason == RevocationReason.UNSPECIFIED) {
            assertThat(entry.hasExtensions()).as("RFC 5280 §5.3.1: unspecified SHOULD be absent").isFalse();
        } else {
            assertThat(entry.getRevocationReason().ordinal()).isEqualTo(reason.crlReason());
            assertThat(entry.getRevocationReason()).isNotEqualTo(CRLReason.UNSPECIFIED);
        }
    }

    @Test
    void makesTheJdkAndOpensslRefuseTheRevokedCertificateOnly() throws Exception {
        IssuanceOutcome.Issued revoked = bench.issue();
        IssuanceOutcome.Issued kept = bench.issue(AuthorityBench.request(TestCsrs.ec(TestKeys.P256)));
        assertThat(OpenSsl.verify(directory, bench.rootPem(), revoked.certificatePem(), bench.ca.crl().pem()).verified())
                .as("before revocation").isTrue();

        CrlDocument crl = revoke(revoked.certificate(), RevocationReason.KEY_COMPROMISE);

        OpenSsl.Verdict refused = OpenSsl.verify(directory, bench.rootPem(), revoked.certificatePem(), crl.pem());
        assertThat(refused.verified()).isFalse();
        assertThat(refused.output()).contains("certificate revoked");
        OpenSsl.Verdict accepted = OpenSsl.verify(directory, bench.rootPem(), kept.certificatePem(), crl.pem());
        assertThat(accepted.verified()).as("openssl: %s", accepted.output()).isTrue();
        Instant after = AuthorityBench.NOW.plusSeconds(1);
        assertThatThrownBy(() -> CertificateProfileTest.pkixValidate(revoked.certificate().x509(),
                bench.root.certificate(), crl, after))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
        CertificateProfileTest.pkixValidate(kept.certificate().x509(), bench.root.certificate(), crl, after);
    }

    @Test
    void isNotAcceptedByOpensslFromAnotherCa() {
        IssuanceOutcome.Issued issued = bench.issue();
        AuthorityBench other = new AuthorityBench(AuthorityBench.ecRoot(TestKeys.P384),
                CertificateAuthoritySettings.defaults(AuthorityBench.PUBLIC_BASE_URL));

        assertThat(OpenSsl.verify(directory, other.rootPem(), issued.certificatePem(), null).verified()).isFalse();
    }

    private CrlDocument revoke(IssuedCertificate certificate, RevocationReason reason) {
        RevocationOutcome outcome = bench.ca.revoke(certificate.serial(), reason, AuthorityBench.REQUESTER);
        assertThat(outcome).isInstanceOf(RevocationOutcome.Revoked.class);
        return ((RevocationOutcome.Revoked) outcome).crl();
    }

    private static byte[] octets(X509CRL crl, String oid) {
        return ASN1OctetString.getInstance(crl.getExtensionValue(oid)).getOctets();
    }
}
