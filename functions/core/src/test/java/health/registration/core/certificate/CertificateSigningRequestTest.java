package health.registration.core.certificate;

import static health.registration.core.certificate.TestCsrs.CLIENT_URI;
import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.udap.TestKeys;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api/certificates.md, "2. The certificate": a good request, a weak key, a bad signature; RFC 2986 and RFC 7468
 * forms; every problem at /csr.
 */
class CertificateSigningRequestTest {

    static Stream<Arguments> requests() {
        PKCS10CertificationRequest rsa = TestCsrs.request(TestCsrs.rsa2048());
        return Stream.of(
                row("RSA-2048, PEM", TestCsrs.pem(rsa), null),
                row("RSA-2048, base64 DER", TestCsrs.base64(rsa), null),
                row("RSA-2048, base64 DER in MIME lines", TestCsrs.pem(rsa).lines().filter(l -> !l.startsWith("-----"))
                        .reduce("", (a, b) -> a + b + "\r\n"), null),
                row("the legacy NEW CERTIFICATE REQUEST label", TestCsrs.pem(rsa).replace("CERTIFICATE REQUEST",
                        "NEW CERTIFICATE REQUEST"), null),
                row("explanatory text around the block (RFC 7468 §5.2)", "my request:\n" + TestCsrs.pem(rsa) + "thanks",
                        null),
                row("P-256 with SHA256withECDSA", TestCsrs.pem(TestCsrs.request(TestCsrs.ec(TestKeys.P256))), null),
                row("P-384 with SHA384withECDSA", TestCsrs.pem(TestCsrs.request(TestCsrs.ec(TestKeys.P384))), null),
                row("RSA signed with SHA512withRSA", signedWith(TestCsrs.rsa2048(), "SHA512withRSA"), null),
                row("a weak key: RSA-1024", TestCsrs.pem(TestCsrs.request(TestCsrs.rsa1024())),
                        "csr key is RSA of 1024 bits; use RSA of 2048 to 8192 bits"),
                row("a curve UDAP does not use: P-521", TestCsrs.pem(TestCsrs.request(TestCsrs.ec("secp521r1"))),
                        "csr key is on an elliptic curve other than P-256 and P-384"),
                row("a curve UDAP does not use: secp256k1", TestCsrs.pem(TestCsrs.request(TestCsrs.secp256k1())),
                        "csr key is on an elliptic curve other than P-256 and P-384"),
                row("Ed25519, which no UDAP algorithm signs with", TestCsrs.pem(TestCsrs.request(TestCsrs.ed25519())),
                        "csr key is Ed25519; UDAP clients sign with RS256, ES256 or ES384"),
                row("DSA", TestCsrs.pem(TestCsrs.request(TestCsrs.dsa())), "csr key is DSA; UDAP clients sign with"),
                row("SHA-1", signedWith(TestCsrs.rsa2048(), "SHA1withRSA"), "csr is signed with SHA1WITHRSA; sign it"
                        + " with SHA-256 or stronger"),
                row("MD5", signedWith(TestCsrs.rsa2048(), "MD5withRSA"), "csr is signed with MD5WITHRSA"),
                row("ECDSA with SHA-1", signedWith(TestCsrs.ec(TestKeys.P256), "SHA1withECDSA"),
                        "csr is signed with ECDSAWITHSHA1"),
                row("a bad signature: bytes altered after signing", TestCsrs.altered(rsa),
                        "csr signature does not verify with its own key"),
                row("a bad signature: signed by another key", TestCsrs.pem(TestCsrs.request(TestCsrs.rsa2048(),
                        TestCsrs.otherRsa2048().getPrivate(), "SHA256withRSA", List.of())),
                        "csr signature does not verify with its own key"),
                row("absent", null, "csr is required"),
                row("blank", " \n", "csr is required"),
                row("longer than 16 KiB", "A".repeat(16 * 1024 + 1), "csr is longer than 16384 characters"),
                row("exactly 16 KiB: read, then found no request", "A".repeat(16 * 1024), "csr is not a DER PKCS#10"),
                row("a good request padded to exactly 16 KiB", padded(TestCsrs.pem(rsa), 16 * 1024), null),
                row("not base64", "not a request!", "csr is neither PEM"),
                row("base64 of something else", "AAAA", "csr is not a DER PKCS#10 certificate signing request"),
                row("trailing bytes after the DER", TestCsrs.base64(rsa).replaceAll("=*$", "") + "AAAA",
                        "csr is not a DER PKCS#10"),
                row("a certificate instead", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                        "csr is a PEM block that is not a CERTIFICATE REQUEST"),
                row("a private key by mistake", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                        "csr holds a private key; send only the certificate signing request"),
                row("two requests", TestCsrs.pem(rsa) + TestCsrs.pem(rsa), "csr holds more than one PEM block"),
                row("an END line that does not match", TestCsrs.pem(rsa).replace("-----END CERTIFICATE REQUEST",
                        "-----END CERTIFICATE"), "csr has a PEM BEGIN line without a matching END line"),
                row("a PEM body that is not base64", "-----BEGIN CERTIFICATE REQUEST-----\n***\n"
                        + "-----END CERTIFICATE REQUEST-----\n", "csr PEM block is not base64"));
    }

    /** The text with line breaks after it, to {@code length} characters. */
    private static String padded(String text, int length) {
        return text + "\n".repeat(length - text.length());
    }

    private static Arguments row(String reason, String text, String problem) {
        return Arguments.of(reason, text, problem);
    }

    private static String signedWith(KeyPair keys, String algorithm) {
        return TestCsrs.pem(TestCsrs.request(keys, keys.getPrivate(), algorithm, List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("requests")
    void readsGoodRequestsAndReportsWhatIsWrongWithTheOthers(String reason, String text, String problem) {
        CertificateSigningRequest.Reading reading = CertificateSigningRequest.read(text);

        if (problem == null) {
            assertThat(reading).as(reason).isInstanceOf(CertificateSigningRequest.Readable.class);
        } else {
            assertThat(reading).as(reason).isInstanceOf(CertificateSigningRequest.Unreadable.class);
            assertThat(((CertificateSigningRequest.Unreadable) reading).problems()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("/csr");
                assertThat(v.code()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
                assertThat(v.description()).contains(problem);
            });
        }
    }

    @Test
    void reportsAWeakKeyAndABadSignatureTogether() {
        KeyPair weak = TestCsrs.rsa1024();
        String text = TestCsrs.pem(TestCsrs.request(weak, TestCsrs.rsa2048().getPrivate(), "SHA256withRSA", List.of()));

        CertificateSigningRequest.Reading reading = CertificateSigningRequest.read(text);

        assertThat(((CertificateSigningRequest.Unreadable) reading).problems()).extracting(Violation::description)
                .satisfiesExactly(
                        d -> assertThat(d).contains("RSA of 1024 bits"),
                        d -> assertThat(d).contains("signature does not verify"));
    }

    @Test
    void exposesTheKeyTheSubjectAndTheRequestedUris() throws Exception {
        CertificateSigningRequest csr = readable(TestCsrs.pem(TestCsrs.request(TestCsrs.ec(TestKeys.P384), CLIENT_URI)));

        assertThat(csr.key().description()).isEqualTo("EC P-384");
        assertThat(csr.subjectPublicKeyInfo().getEncoded()).isEqualTo(TestCsrs.ec(TestKeys.P384).getPublic().getEncoded());
        assertThat(csr.subject()).isEqualTo("CN=requested subject,O=Developer");
        assertThat(csr.requestedSanUris()).containsExactly(CLIENT_URI);
        assertThat(csr.requestsOtherNames()).isFalse();
        assertThat(csr.requestsNames()).isTrue();
        assertThat(csr.toString()).isEqualTo("CertificateSigningRequest[key=EC P-384, sanUris=1]");
    }

    @Test
    void tellsUriNamesFromOtherNames() {
        CertificateSigningRequest csr = readable(TestCsrs.pem(TestCsrs.request(TestCsrs.rsa2048(),
                TestCsrs.rsa2048().getPrivate(), "SHA256withRSA", List.of(
                        new GeneralName(GeneralName.uniformResourceIdentifier, CLIENT_URI),
                        new GeneralName(GeneralName.dNSName, "app.example.com")))));

        assertThat(csr.requestedSanUris()).containsExactly(CLIENT_URI);
        assertThat(csr.requestsOtherNames()).isTrue();
    }

    @Test
    void asksForNoNameWithoutAnExtensionRequest() {
        CertificateSigningRequest csr = readable(TestCsrs.pem(TestCsrs.request(TestCsrs.rsa2048())));

        assertThat(csr.requestsNames()).isFalse();
        assertThat(csr.requestedSanUris()).isEmpty();
    }

    private static CertificateSigningRequest readable(String text) {
        CertificateSigningRequest.Reading reading = CertificateSigningRequest.read(text);
        assertThat(reading).isInstanceOf(CertificateSigningRequest.Readable.class);
        return ((CertificateSigningRequest.Readable) reading).request();
    }
}
