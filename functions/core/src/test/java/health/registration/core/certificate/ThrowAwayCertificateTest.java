package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.udap.TestKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The self-signed certificates of SnapStart priming: fixed validity and serial, CA extensions only when asked. */
class ThrowAwayCertificateTest {

    private static final String URI = "https://fhir.example.org/r4";

    @ParameterizedTest(name = "authority {0}")
    @ValueSource(booleans = {true, false})
    void signsItselfWithTheNameAndTheExtensionsOfItsKind(boolean authority) throws Exception {
        KeyPair keys = TestKeys.ec(TestKeys.P256);

        X509Certificate certificate = ThrowAwayCertificate.selfSigned(keys, "SHA256withECDSA", "priming",
                new GeneralName(GeneralName.uniformResourceIdentifier, URI), authority);

        certificate.verify(keys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=priming");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getSerialNumber()).isEqualTo(BigInteger.ONE);
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(GeneralName.uniformResourceIdentifier, URI));
        if (authority) {
            assertThat(certificate.getBasicConstraints()).as("CA, no path length limit").isEqualTo(Integer.MAX_VALUE);
            assertThat(certificate.getKeyUsage()).as("digitalSignature, keyCertSign, cRLSign")
                    .startsWith(true, false, false, false, false, true, true, false, false);
            assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        } else {
            assertThat(certificate.getBasicConstraints()).as("no CA").isEqualTo(-1);
            assertThat(certificate.getKeyUsage()).isNull();
            assertThat(certificate.getCriticalExtensionOIDs()).isNullOrEmpty();
        }
    }

    @Test
    void saysWhatFailedWithoutItsCause() {
        KeyPair keys = TestKeys.ec(TestKeys.P256);

        assertThatThrownBy(() -> ThrowAwayCertificate.selfSigned(keys, "NoSuchAlgorithm", "priming",
                new GeneralName(GeneralName.uniformResourceIdentifier, URI), false))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageStartingWith("making a throw-away certificate failed: ");
    }
}
