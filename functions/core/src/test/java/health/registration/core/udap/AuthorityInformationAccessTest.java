package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** RFC 5280 §4.2.2.1: the http and https caIssuers URIs of a certificate's Authority Information Access. */
class AuthorityInformationAccessTest {

    private static final TestPki PKI = TestPki.create("alpha");

    @Test
    void readsHttpAndHttpsCaIssuersInOrderAndSkipsOcspAndOtherSchemes() throws Exception {
        X509Certificate certificate = withAccess(new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                new AccessDescription[] {
                    description(AccessDescription.id_ad_caIssuers, "ldap://ldap.example.com/cn=CA"),
                    description(AccessDescription.id_ad_ocsp, "http://ocsp.example.com"),
                    description(AccessDescription.id_ad_caIssuers, "https://ca.example.com/a.cer"),
                    description(AccessDescription.id_ad_caIssuers, "HTTP://ca.example.com/b.p7c"),
                    description(AccessDescription.id_ad_caIssuers, "urn:example:ca")}).getEncoded());

        assertThat(AuthorityInformationAccess.caIssuers(certificate)).containsExactly(
                URI.create("https://ca.example.com/a.cer"), URI.create("HTTP://ca.example.com/b.p7c"));
    }

    @Test
    void readsTheUrlATestAuthorityPublishes() {
        TestCredential leaf = PKI.intermediate().publishingCertificateAt("http://ca.alpha.example.com/i.cer")
                .issue(PKI.leafSpec("https://app.example.com"));

        assertThat(AuthorityInformationAccess.caIssuers(leaf.certificate()))
                .containsExactly(URI.create("http://ca.alpha.example.com/i.cer"));
    }

    @Test
    void findsNoneWithoutTheExtensionOrInAMalformedOne() {
        assertThat(AuthorityInformationAccess.caIssuers(PKI.rsaLeaf("https://app.example.com").certificate())).isEmpty();
        assertThat(AuthorityInformationAccess.caIssuers(withAccess(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))).isEmpty();
    }

    private static AccessDescription description(org.bouncycastle.asn1.ASN1ObjectIdentifier method, String uri) {
        return new AccessDescription(method, new GeneralName(GeneralName.uniformResourceIdentifier, uri));
    }

    /** A certificate signed by the root whose Authority Information Access extension holds {@code value}. */
    private static X509Certificate withAccess(byte[] value) {
        try {
            X509Certificate root = PKI.root().certificate();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(root, BigInteger.valueOf(System.nanoTime()),
                    Date.from(TestPki.NOW.minus(Duration.ofDays(1))), Date.from(TestPki.NOW.plus(Duration.ofDays(1))),
                    new javax.security.auth.x500.X500Principal("CN=access test"), PKI.intermediate().credential().keys().getPublic());
            builder.addExtension(Extension.authorityInfoAccess, false, value);
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(PKI.root().credential().privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
