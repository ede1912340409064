package health.registration.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {

    // The TLS 1.2 key exchange name for the test certificates' EC keys; the check also covers key usage.
    private static final String AUTH_TYPE = "ECDHE_ECDSA";
    private static final TestCertificates CERTS = new TestCertificates();

    @TempDir
    Path directory;

    @Test
    void thePlatformTrustIsTheJdksDefaultAnchors() {
        assertThat(TrustedCertificates.platform().getAcceptedIssuers()).isNotEmpty()
                .doesNotContain(CERTS.root.certificate());
    }

    @Test
    void trustsAServerSignedByACaFromThePemFile() throws Exception {
        X509TrustManager trust = TrustedCertificates.platformAnd(pem(CERTS.root));

        assertThatCode(() -> trust.checkServerTrusted(chain(CERTS.leaf("ok.example.com"), CERTS.root), AUTH_TYPE))
                .doesNotThrowAnyException();
    }

    @Test
    void keepsTheJdksAnchorsBesideThePemFile() throws Exception {
        X509TrustManager trust = TrustedCertificates.platformAnd(pem(CERTS.root));

        assertThat(trust.getAcceptedIssuers()).contains(TrustedCertificates.platform().getAcceptedIssuers())
                .contains(CERTS.root.certificate());
    }

    @Test
    void stillRejectsServersOfOtherAuthorities() throws Exception {
        X509TrustManager trust = TrustedCertificates.platformAnd(pem(CERTS.root));

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(CERTS.leafFromUnknownRoot(), CERTS.otherRoot),
                AUTH_TYPE)).isInstanceOf(CertificateException.class);
    }

    @Test
    void stillRejectsAnExpiredCertificateFromTheTrustedCa() throws Exception {
        X509TrustManager trust = TrustedCertificates.platformAnd(pem(CERTS.root));

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(CERTS.expiredLeaf(), CERTS.root), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void trustsEveryCertificateOfTheFile() throws Exception {
        Path both = Files.writeString(directory.resolve("both.pem"),
                "two test roots\n" + CERTS.root.certificatePem() + CERTS.otherRoot.certificatePem(),
                StandardCharsets.US_ASCII);

        assertThat(TrustedCertificates.platformAnd(both).getAcceptedIssuers())
                .contains(CERTS.root.certificate(), CERTS.otherRoot.certificate());
    }

    @Test
    void refusesAFileWithoutCertificates() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "", StandardCharsets.US_ASCII);
        Path key = Files.writeString(directory.resolve("key.pem"), CERTS.root.privateKeyPkcs8Pem(),
                StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> TrustedCertificates.platformAnd(empty)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedCertificates.platformAnd(key)).isInstanceOf(IllegalArgumentException.class);
    }

    private Path pem(HeldCertificate ca) throws Exception {
        return Files.writeString(directory.resolve("ca.pem"), ca.certificatePem(), StandardCharsets.US_ASCII);
    }

    private static X509Certificate[] chain(HeldCertificate leaf, HeldCertificate issuer) {
        return new X509Certificate[] {leaf.certificate(), issuer.certificate()};
    }
}
