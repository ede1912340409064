package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profile of an issued certificate (docs/api/certificates.md, "2. The certificate"), judged by the JDK's PKIX
 * validator and by the real {@code openssl verify}: one test per property, each against a certificate issued through
 * the authority.
 */
class CertificateProfileTest {

    private static final AuthorityBench BENCH = new AuthorityBench();
    // Issued for each test, not once for the class: mutation testing (docs/testing.md) changes the profile between
    // tests in one JVM, and a certificate issued before the change would hide it.
    private final IssuanceOutcome.Issued issued = BENCH.issue();
    private final X509Certificate leaf = issued.certificate().x509();

    @TempDir
    Path directory;

    @Test
    void isVersion3WithARandomPositiveSerialOfAtMost159Bits() {
        assertThat(leaf.getVersion()).isEqualTo(3);
        assertThat(leaf.getSerialNumber().signum()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(159).isGreaterThan(64);
        assertThat(issued.certificate().serial()).isEqualTo(leaf.getSerialNumber().toString(16));
    }

    @Test
    void drawsADifferentSerialForEveryCertificate() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            serials.add(BENCH.issue().certificate().x509().getSerialNumber());
        }
        assertThat(serials).hasSize(20);
    }

    @Test
    void isIssuedByTheCaNamedExactlyAsItsSubject() {
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(BENCH.root.certificate().getSubjectX500Principal());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=Example App");
        assertThat(issued.certificate().subject()).isEqualTo("CN=Example App");
    }

    @Test
    void namesTheClientUriAsItsOnlySubjectAlternativeName() throws Exception {
        assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, TestCsrs.CLIENT_URI));
        assertThat(leaf.getNonCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
    }

    @Test
    void allowsDigitalSignatureOnlyInACriticalKeyUsage() {
        boolean[] usage = leaf.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        for (int bit = 1; bit < usage.length; bit++) {
            assertThat(usage[bit]).as("key usage bit %d", bit).isFalse();
        }
        assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
    }

    @Test
    void isForClientAuthentication() throws Exception {
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getNonCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId());
    }

    @Test
    void isNoCaInACriticalBasicConstraints() {
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(
                Extension.keyUsage.getId(), Extension.basicConstraints.getId());
    }

    @Test
    void identifiesItsKeyAndItsIssuersKey() throws Exception {
        byte[] expectedSki = new BcX509ExtensionUtils().createSubjectKeyIdentifier(
                SubjectPublicKeyInfo.getInstance(TestCsrs.rsa2048().getPublic().getEncoded())).getKeyIdentifier();
        byte[] caSki = SubjectKeyIdentifier.getInstance(octets(BENCH.root.certificate(), Extension.subjectKeyIdentifier))
                .getKeyIdentifier();

        assertThat(SubjectKeyIdentifier.getInstance(octets(leaf, Extension.subjectKeyIdentifier)).getKeyIdentifier())
                .isEqualTo(expectedSki);
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(octets(leaf, Extension.authorityKeyIdentifier));
        assertThat(aki.getKeyIdentifier()).isEqualTo(caSki);
        assertThat(aki.getAuthorityCertIssuer()).as("key identifier only").isNull();
        assertThat(aki.getAuthorityCertSerialNumber()).isNull();
    }

    @Test
    void pointsToTheAuthoritysCrl() {
        DistributionPoint[] points = CRLDistPoint.getInstance(octets(leaf, Extension.cRLDistributionPoints))
                .getDistributionPoints();

        assertThat(points).singleElement().satisfies(point -> {
            GeneralName[] names = GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames();
            assertThat(names).singleElement().satisfies(name -> {
                assertThat(name.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
                assertThat(name.getName().toString()).isEqualTo(AuthorityBench.CRL_URL);
            });
            assertThat(point.getReasons()).as("every reason").isNull();
            assertThat(point.getCRLIssuer()).as("the CA issues its own CRL").isNull();
        });
    }

    @Test
    void isValidFromFiveMinutesAgoForAYear() {
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(AuthorityBench.NOW.minus(Duration.ofMinutes(5)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(AuthorityBench.NOW.plus(Duration.ofDays(365)));
        assertThat(issued.certificate().notAfter()).isEqualTo(leaf.getNotAfter().toInstant());
        assertThat(issued.certificate().issuedAt()).isEqualTo(AuthorityBench.NOW);
    }

    @Test
    void neverOutlivesTheIssuingCa() {
        AuthorityBench ending = new AuthorityBench(AuthorityBench.rsaRootEndingIn(Duration.ofDays(30)),
                CertificateAuthoritySettings.defaults(AuthorityBench.PUBLIC_BASE_URL));

        X509Certificate leaf = ending.issue().certificate().x509();

        assertThat(leaf.getNotAfter()).isEqualTo(ending.root.certificate().getNotAfter());
    }

    @Test
    void takesItsValidityFromConfiguration() {
        AuthorityBench shortLived = new AuthorityBench(AuthorityBench.rsaRoot(), new CertificateAuthoritySettings(
                AuthorityBench.PUBLIC_BASE_URL, Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1)));

        X509Certificate leaf = shortLived.issue().certificate().x509();

        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(AuthorityBench.NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void refusesToIssueFromAnExpiredCa() {
        AuthorityBench ending = new AuthorityBench(AuthorityBench.rsaRootEndingIn(Duration.ofDays(1)),
                CertificateAuthoritySettings.defaults(AuthorityBench.PUBLIC_BASE_URL));
        ending.clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> ending.ca.issue(ending.proven(AuthorityBench.request()), AuthorityBench.REQUESTER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not valid now");
        assertThat(ending.store.all()).isEmpty();
    }

    static Stream<Arguments> authorities() {
        return Stream.of(
                Arguments.of("an RSA CA", AuthorityBench.rsaRoot(), "SHA256withRSA"),
                Arguments.of("a P-256 CA", AuthorityBench.ecRoot(TestKeys.P256), "SHA256withECDSA"),
                Arguments.of("a P-384 CA", AuthorityBench.ecRoot(TestKeys.P384), "SHA384withECDSA"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("authorities")
    void isSignedWithTheHashThatFitsTheCaKeyAndValidatesWithTheJdkAndOpenssl(String reason, TestAuthority root,
            String algorithm) throws Exception {
        AuthorityBench bench = new AuthorityBench(root, CertificateAuthoritySettings.defaults(AuthorityBench.PUBLIC_BASE_URL));
        IssuanceOutcome.Issued issued = bench.issue(AuthorityBench.request(TestCsrs.ec(TestKeys.P256)));
        X509Certificate leaf = issued.certificate().x509();

        assertThat(leaf.getSigAlgName()).as(reason).isEqualToIgnoringCase(algorithm);
        leaf.verify(root.certificate().getPublicKey());
        pkixValidate(leaf, root.certificate(), bench.ca.crl(), AuthorityBench.NOW);
        OpenSsl.Verdict verdict = OpenSsl.verify(directory, bench.rootPem(), issued.certificatePem(), null);
        assertThat(verdict.verified()).as("openssl verify: %s", verdict.output()).isTrue();
        OpenSsl.Verdict withCrl = OpenSsl.verify(directory, bench.rootPem(), issued.certificatePem(), bench.ca.crl().pem());
        assertThat(withCrl.verified()).as("openssl verify -crl_check: %s", withCrl.output()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # client_name                          | common name                       | reason
        '  Example App  '                      | Example App                       | trimmed
        'Acme, Inc. <dev> + "Health" = 1; \\ x' | 'Acme, Inc. <dev> + "Health" = 1; \\ x' | DN syntax characters are plain text
        '#04034142'                            | '#04034142'                       | a leading # is no hex-encoded value
        'Ünïcødé Health 健康'                   | 'Ünïcødé Health 健康'              | non-ASCII kept as UTF8String
        """)
    void writesTheClientNameAsACommonNameWithoutReadingItAsDnSyntax(String clientName, String commonName, String reason) {
        X500Name subject = CertificateProfile.subject(clientName);

        assertThat(subject.getRDNs()).as(reason).singleElement().satisfies(rdn -> {
            assertThat(rdn.isMultiValued()).isFalse();
            assertThat(rdn.getFirst().getType()).isEqualTo(BCStyle.CN);
            assertThat(rdn.getFirst().getValue()).isInstanceOf(DERUTF8String.class);
            assertThat(rdn.getFirst().getValue().toString()).isEqualTo(commonName);
        });
    }

    @Test
    void cutsALongClientNameTo64CharactersWithoutSplittingASurrogatePair() {
        String name = "A".repeat(63) + "😀" + "tail";

        String common = CertificateProfile.subject(name).getRDNs()[0].getFirst().getValue().toString();

        assertThat(common.codePointCount(0, common.length())).isEqualTo(64);
        assertThat(common).endsWith("😀");
        assertThat(CertificateProfile.subject("B".repeat(200)).getRDNs()[0].getFirst().getValue().toString()).hasSize(64);
    }

    /**
     * The JDK's PKIX validation with the CRL at an instant. It counts a listed certificate as revoked only when the
     * CRL's revocation date is before that instant (historical validation), so tests validate after revoking.
     */
    static void pkixValidate(X509Certificate leaf, X509Certificate anchor, CrlDocument crl, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setDate(Date.from(at));
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl.x509()))));
        parameters.setRevocationEnabled(true);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    private static byte[] octets(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(oid.getId())).getOctets();
    }
}
