package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The issuing CA as configured: PEM forms, and every misconfiguration refused when the function starts. */
class IssuingAuthorityTest {

    private static final TestAuthority ROOT = AuthorityBench.rsaRoot();
    private static final TestPki PKI = TestPki.create("devca");

    @Test
    void readsAPkcs8KeyAndItsCertificate() {
        IssuingAuthority authority = IssuingAuthority.fromPem(pkcs8(ROOT.credential().privateKey()),
                TestPki.pem(ROOT.certificate()), "developers");

        assertThat(authority.name()).isEqualTo("developers");
        assertThat(authority.certificate()).isEqualTo(ROOT.certificate());
        assertThat(authority.chain()).containsExactly(ROOT.certificate());
        assertThat(authority.chainPem()).isEqualTo(TestPki.pem(ROOT.certificate()));
        assertThat(authority.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(authority.notAfter()).isEqualTo(ROOT.certificate().getNotAfter().toInstant());
    }

    @Test
    void readsOpensslsTraditionalKeyFormsAndOneSecretHoldingBoth() {
        TestAuthority ec = AuthorityBench.ecRoot(TestKeys.P384);
        String secret = traditional(ec.credential().privateKey()) + TestPki.pem(ec.certificate());

        IssuingAuthority authority = IssuingAuthority.fromPem(secret, secret, "developers");

        assertThat(authority.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
        assertThat(IssuingAuthority.fromPem(traditional(ROOT.credential().privateKey()), TestPki.pem(ROOT.certificate()),
                "rsa").certificate()).isEqualTo(ROOT.certificate());
    }

    @Test
    void acceptsAnIntermediateWithItsIssuersAfterIt() {
        IssuingAuthority authority = IssuingAuthority.of(PKI.intermediate().credential().privateKey(),
                List.of(PKI.intermediate().certificate(), PKI.root().certificate()), "devca");

        assertThat(authority.chainPem()).isEqualTo(TestPki.pem(PKI.intermediate().certificate())
                + TestPki.pem(PKI.root().certificate()));
        assertThat(authority.notAfter()).as("the earliest end of the chain")
                .isEqualTo(PKI.intermediate().certificate().getNotAfter().toInstant());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        https://api.example.org/v1   | https://api.example.org/v1/crl/developers.crl
        https://api.example.org/v1/  | https://api.example.org/v1/crl/developers.crl
        https://api.example.org      | https://api.example.org/crl/developers.crl
        """)
    void publishesItsCrlUnderThePublicBaseUrl(String base, String crlUrl) {
        assertThat(IssuingAuthority.of(ROOT.credential().privateKey(), List.of(ROOT.certificate()), "developers")
                .crlUrl(URI.create(base))).hasToString(crlUrl);
    }

    @Test
    void refusesAChainInTheWrongOrder() {
        assertRefused(() -> IssuingAuthority.of(PKI.intermediate().credential().privateKey(),
                List.of(PKI.intermediate().certificate(), PKI.intermediate().certificate()), "devca"),
                "certificate 1 of the issuing CA's chain is not signed by certificate 2");
        assertRefused(() -> IssuingAuthority.of(PKI.root().credential().privateKey(),
                List.of(PKI.root().certificate(), PKI.intermediate().certificate()), "devca"),
                "is not signed by certificate 2");
    }

    @Test
    void refusesAKeyOfAnotherCertificate() {
        assertRefused(() -> IssuingAuthority.of(PKI.root().credential().privateKey(), List.of(ROOT.certificate()), "ca"),
                "private key does not belong to the first certificate");
        assertRefused(() -> IssuingAuthority.of(AuthorityBench.ecRoot(TestKeys.P256).credential().privateKey(),
                List.of(ROOT.certificate()), "ca"), "private key does not belong to the first certificate");
    }

    @Test
    void refusesACertificateThatIsNoCa() {
        assertRefused(() -> IssuingAuthority.of(PKI.revokedLeaf().privateKey(), List.of(PKI.revokedLeaf().certificate()),
                "ca"), "is not a CA certificate");
    }

    @ParameterizedTest(name = "[{index}] key usage {0}")
    @ValueSource(ints = {KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.digitalSignature | KeyUsage.keyCertSign})
    void refusesACaThatMayNotSignCertificatesAndCrls(int usage) {
        KeyPair keys = TestCsrs.otherRsa2048();

        assertRefused(() -> IssuingAuthority.of(keys.getPrivate(), List.of(selfSignedCa(keys, usage)), "ca"),
                "must allow keyCertSign and cRLSign");
    }

    @Test
    void acceptsACaThatMayIssueOnlyEndEntityCertificates() {
        KeyPair keys = TestCsrs.otherRsa2048();
        X509Certificate ca = selfSignedCa(keys, KeyUsage.keyCertSign | KeyUsage.cRLSign, new BasicConstraints(0));
        assertThat(ca.getBasicConstraints()).as("path length 0").isZero();

        assertThat(IssuingAuthority.of(keys.getPrivate(), List.of(ca), "ca").certificate()).isEqualTo(ca);
    }

    @Test
    void identifiesAKeyWithoutASubjectKeyIdentifierByItsSha1() throws Exception {
        KeyPair keys = TestCsrs.otherRsa2048();
        X509Certificate ca = selfSignedCa(keys, KeyUsage.keyCertSign | KeyUsage.cRLSign);
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).as("no subjectKeyIdentifier").isNull();

        IssuingAuthority authority = IssuingAuthority.of(keys.getPrivate(), List.of(ca), "ca");

        assertThat(authority.authorityKeyIdentifier().getKeyIdentifier()).isEqualTo(
                new org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic())
                        .getKeyIdentifier());
    }

    @Test
    void refusesAWeakCaKey() {
        KeyPair weak = TestCsrs.rsa1024();
        TestAuthority root = TestAuthority.root("Weak CA", weak, AuthorityBench.NOW, AuthorityBench.NOW.plus(
                Duration.ofDays(1)), "http://unused.example.com/weak.crl");

        assertRefused(() -> IssuingAuthority.of(weak.getPrivate(), List.of(root.certificate()), "ca"),
                "the issuing CA's key is RSA of 1024 bits");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"Developers", "-developers", "dev_ca", "dev ca", "dev.ca", "a123456789012345678901234567890"
            + "123456789012345678901234567890123"})
    void refusesANameThatIsNoLowerCaseLabel(String name) {
        assertRefused(() -> IssuingAuthority.of(ROOT.credential().privateKey(), List.of(ROOT.certificate()), name),
                "name must be 1 to 63 lower-case letters");
    }

    @Test
    void refusesPemItCannotUseWithoutRepeatingIt() throws Exception {
        String pem = pkcs8(ROOT.credential().privateKey());
        String broken = pem.substring(0, 120) + "\n-----END PRIVATE KEY-----\n";
        String certificate = TestPki.pem(ROOT.certificate());

        assertRefused(() -> IssuingAuthority.fromPem(broken, certificate, "ca"), "not");
        assertThatThrownBy(() -> IssuingAuthority.fromPem(broken, certificate, "ca"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pem.substring(30, 100)))
                .satisfies(e -> assertThat(e.getCause()).isNull());
        assertRefused(() -> IssuingAuthority.fromPem(encrypted(ROOT.credential().privateKey()), certificate, "ca"),
                "an encrypted key, which is not supported");
        assertRefused(() -> IssuingAuthority.fromPem(certificate, certificate, "ca"), "exactly one private key; it holds 0");
        assertRefused(() -> IssuingAuthority.fromPem(pem + pem, certificate, "ca"), "exactly one private key; it holds 2");
        assertRefused(() -> IssuingAuthority.fromPem(pem, pem, "ca"), "chain holds no certificate");
        assertRefused(() -> IssuingAuthority.fromPem(pem, "-----BEGIN X509 CRL-----\n"
                + java.util.Base64.getEncoder().encodeToString(PKI.rootCrl().getEncoded()) + "\n-----END X509 CRL-----\n",
                "ca"), "holds a block of type X509CRLHolder");
    }

    @Test
    void refusesAKeyThatIsNeitherRsaNorEcAndAnEcKeyWithoutItsCurve() throws Exception {
        String certificate = TestPki.pem(ROOT.certificate());
        assertRefused(() -> IssuingAuthority.fromPem(pkcs8(TestCsrs.ed25519().getPrivate()), certificate, "ca"),
                "not an RSA or EC key the JDK reads");

        ECPrivateKey ec = (ECPrivateKey) TestKeys.ec(TestKeys.P256).getPrivate();
        PrivateKeyInfo withoutCurve = new PrivateKeyInfo(new AlgorithmIdentifier(
                org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey),
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS()));
        assertRefused(() -> IssuingAuthority.fromPem(Pem.encode("PRIVATE KEY", withoutCurve.getEncoded()), certificate,
                "ca"), "does not name its curve");
    }

    @Test
    void namesTheCertificateOfTheChainThatTheJdkCannotRead() throws Exception {
        KeyPair keys = TestCsrs.otherRsa2048();
        X500Principal name = new X500Principal("CN=Unreadable CA");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TWO,
                Date.from(AuthorityBench.NOW), Date.from(AuthorityBench.NOW.plus(Duration.ofDays(1))), name,
                keys.getPublic());
        // A keyUsage holding an INTEGER instead of a BIT STRING: BouncyCastle reads the certificate, the JDK does not.
        builder.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.ASN1Integer(6));
        String unreadable = Pem.encode("CERTIFICATE", builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                .build(keys.getPrivate())).getEncoded());

        assertRefused(() -> IssuingAuthority.fromPem(pkcs8(ROOT.credential().privateKey()),
                TestPki.pem(ROOT.certificate()) + unreadable, "ca"), "certificate 2 of the issuing CA's chain is not a DER");
        assertRefused(() -> IssuingAuthority.fromPem(pkcs8(ROOT.credential().privateKey()), unreadable, "ca"),
                "certificate 1 of the issuing CA's chain is not a DER");
    }

    @Test
    void neverShowsItsKey() {
        IssuingAuthority authority = IssuingAuthority.of(ROOT.credential().privateKey(), List.of(ROOT.certificate()), "ca");

        assertThat(authority.toString()).isEqualTo("IssuingAuthority[name=ca, certificate="
                + ROOT.certificate().getSubjectX500Principal().getName() + ", key=RSA 2048 (redacted), chain=1 certificates]");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String phrase) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(phrase);
    }

    private static String pkcs8(PrivateKey key) {
        return Pem.encode("PRIVATE KEY", key.getEncoded());
    }

    /** OpenSSL's own forms: RSA PRIVATE KEY (PKCS#1), and EC PRIVATE KEY (SEC 1) naming its curve as openssl does. */
    private static String traditional(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (key instanceof ECPrivateKey ec) {
                AlgorithmIdentifier curve = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
                int bits = ec.getParams().getOrder().bitLength();
                writer.writeObject(new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(bits,
                        ec.getS(), curve.getParameters()).getEncoded()));
            } else {
                writer.writeObject(key);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(text.toString()).matches("(?s)-----BEGIN (RSA|EC) PRIVATE KEY-----.*");
        return text.toString();
    }

    private static String encrypted(PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    JcaPKCS8Generator.AES_256_CBC).setProvider(TestCsrs.BOUNCY_CASTLE).setPassword("secret".toCharArray())
                    .build()));
        }
        return text.toString();
    }

    private static X509Certificate selfSignedCa(KeyPair keys, int usage) {
        return selfSignedCa(keys, usage, new BasicConstraints(true));
    }

    /** A self-signed CA with no subjectKeyIdentifier. */
    private static X509Certificate selfSignedCa(KeyPair keys, int usage, BasicConstraints constraints) {
        try {
            X500Principal name = new X500Principal("CN=Limited CA");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                    Date.from(AuthorityBench.NOW), Date.from(AuthorityBench.NOW.plus(Duration.ofDays(1))), name,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, constraints);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
