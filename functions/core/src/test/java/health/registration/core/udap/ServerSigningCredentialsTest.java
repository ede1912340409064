package health.registration.core.udap;

import static health.registration.core.udap.UdapMetadataFixture.BASE_URL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerSigningCredentialsTest {

    private static final UdapMetadataFixture FIXTURE = new UdapMetadataFixture();
    private static final TestPki PKI = FIXTURE.pki();

    private static String keyBase64() {
        return Base64.getEncoder().encodeToString(FIXTURE.server().privateKey().getEncoded());
    }

    /** The PEM of a key and a chain, leaf first. */
    private static String pem(TestCredential keyOwner, TestCredential... chain) {
        StringBuilder text = new StringBuilder(UdapMetadataFixture.keyPem(keyOwner.privateKey()));
        for (TestCredential certificate : chain) {
            text.append(TestPki.pem(certificate.certificate()));
        }
        return text.append(TestPki.pem(PKI.intermediate().certificate())).toString();
    }

    @Test
    void readsTheKeyAndTheChainLeafFirst() {
        ServerSigningCredentials credentials = FIXTURE.credentials();

        assertThat(credentials.issuer()).isEqualTo(BASE_URL);
        assertThat(credentials.chain()).containsExactly(FIXTURE.server().certificate(), PKI.intermediate().certificate());
        assertThat(credentials.leaf()).isEqualTo(FIXTURE.server().certificate());
        assertThat(credentials.privateKey()).isEqualTo(FIXTURE.server().privateKey());
    }

    @Test
    void x5cHoldsTheStandardBase64DerOfEachCertificateLeafFirst() throws Exception {
        List<String> x5c = FIXTURE.credentials().x5c().stream().map(Object::toString).toList();

        assertThat(x5c).containsExactly(
                Base64.getEncoder().encodeToString(FIXTURE.server().certificate().getEncoded()),
                Base64.getEncoder().encodeToString(PKI.intermediate().certificate().getEncoded()));
    }

    @Test
    void readsTheKeyAfterTheChainAndIgnoresExplanatoryText() {
        String text = "Bag Attributes: written by openssl\n" + FIXTURE.chainPem() + "\nsubject=CN=server\n"
                + FIXTURE.keyPem();

        assertThat(ServerSigningCredentials.fromPem(text, BASE_URL).chain()).hasSize(2);
    }

    @Test
    void refusesABaseUrlThatIsNoSanUriOfTheLeaf() {
        TestCredential elsewhere = PKI.rsaLeaf("https://other.example.org/r4");

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(pem(elsewhere, elsewhere), BASE_URL))
                .withMessageContaining("Subject Alternative Name").withMessageContaining(BASE_URL);
    }

    @Test
    void comparesTheBaseUrlWithTheSanUriExactly() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerSigningCredentials.fromPem(FIXTURE.credentialsPem(), BASE_URL + "/"))
                .withMessageContaining("Subject Alternative Name");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerSigningCredentials.fromPem(FIXTURE.credentialsPem(), "HTTPS://fhir.example.org/r4"));
    }

    @Test
    void refusesALeafWithoutSubjectAlternativeName() {
        TestCredential anonymous = PKI.rsaLeaf();

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(pem(anonymous, anonymous), BASE_URL))
                .withMessageContaining("Subject Alternative Name");
    }

    @Test
    void refusesAKeyThatIsNotTheLeafsKey() {
        TestCredential other = PKI.rsaLeaf(BASE_URL);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerSigningCredentials.fromPem(pem(other, FIXTURE.server()), BASE_URL))
                .withMessageContaining("does not belong to the first certificate");
    }

    @ParameterizedTest(name = "[{index}] keyUsage {0}: accepted {1}")
    @CsvSource(nullValues = "NONE", textBlock = """
        NONE, true
        128,  true
        160,  true
        32,   false
        """)
    void signsOnlyWithALeafWhoseKeyUsageAllowsDigitalSignature(Integer keyUsage, boolean accepted) {
        // BouncyCastle's KeyUsage bits: digitalSignature 128, keyEncipherment 32 (160 both); absent: any use (RFC 5280 §4.2.1.3).
        TestCredential leaf = PKI.intermediate().issue(PKI.leafSpec(BASE_URL), keyUsage);
        String text = pem(leaf, leaf);

        if (accepted) {
            assertThat(ServerSigningCredentials.fromPem(text, BASE_URL).leaf()).isEqualTo(leaf.certificate());
        } else {
            assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(text, BASE_URL))
                    .withMessageContaining("keyUsage does not allow digitalSignature");
        }
    }

    @Test
    void refusesAKeyOfTheLeafsModulusWithAnotherPublicExponent() throws Exception {
        java.security.interfaces.RSAPrivateCrtKey key = (java.security.interfaces.RSAPrivateCrtKey) FIXTURE.server().privateKey();
        java.security.PrivateKey otherExponent = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateCrtKeySpec(key.getModulus(), java.math.BigInteger.valueOf(3),
                        key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(), key.getPrimeExponentP(),
                        key.getPrimeExponentQ(), key.getCrtCoefficient()));
        List<java.security.cert.X509Certificate> chain = List.of(FIXTURE.server().certificate(), PKI.intermediate().certificate());

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.of(otherExponent, chain, BASE_URL))
                .withMessageContaining("does not belong to the first certificate");
        java.security.PrivateKey withoutCrt = java.security.KeyFactory.getInstance("RSA").generatePrivate(
                new java.security.spec.RSAPrivateKeySpec(key.getModulus(), key.getPrivateExponent()));
        assertThat(ServerSigningCredentials.of(withoutCrt, chain, BASE_URL).leaf())
                .as("a key without its public exponent is matched by its modulus").isEqualTo(FIXTURE.server().certificate());
    }

    @Test
    void refusesAnEcKeyBecauseSignedMetadataIsRs256() {
        TestCredential ec = PKI.ecLeaf(TestKeys.P256, BASE_URL);

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(pem(ec, ec), BASE_URL))
                .withMessageContaining("EC").withMessageContaining("RS256");
    }

    @Test
    void refusesAnRsaKeyShorterThan2048Bits() {
        TestCredential weak = PKI.leaf(PKI.leafSpec(BASE_URL).withKeys(TestKeys.rsa(1024)));

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(pem(weak, weak), BASE_URL))
                .withMessageContaining("1024 bits").withMessageContaining("2048");
    }

    @Test
    void refusesAChainThatIsNotLeafFirst() {
        String skipsTheIntermediate = FIXTURE.keyPem() + TestPki.pem(FIXTURE.server().certificate())
                + TestPki.pem(PKI.root().certificate());
        String startsWithTheIntermediate = FIXTURE.keyPem() + TestPki.pem(PKI.intermediate().certificate())
                + TestPki.pem(FIXTURE.server().certificate());

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(skipsTheIntermediate, BASE_URL))
                .withMessageContaining("certificate 1 of the server chain is not signed by certificate 2");
        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(startsWithTheIntermediate, BASE_URL))
                .withMessageContaining("does not belong to the first certificate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // PKCS#1, as openssl genrsa writes it before 3.0
        "RSA PRIVATE KEY|openssl pkcs8 -topk8 -nocrypt",
        // SEC 1 EC keys
        "EC PRIVATE KEY|openssl pkcs8 -topk8 -nocrypt",
        // PKCS#8 encrypted: the secret store protects the key instead
        "ENCRYPTED PRIVATE KEY|is encrypted",
        // anything else
        "PUBLIC KEY|is not supported",
    })
    void refusesEveryKeyFormatButUnencryptedPkcs8(String label, String advice) {
        String text = "-----BEGIN " + label + "-----\n" + keyBase64() + "\n-----END " + label + "-----\n"
                + FIXTURE.chainPem();

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(text, BASE_URL))
                .withMessageContaining(label).withMessageContaining(advice)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyBase64().substring(0, 40)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no key|CHAIN|no PKCS#8 private key",
        "no certificate|KEY|no certificate",
        "two keys|KEY KEY CHAIN|more than one PRIVATE KEY",
        "unterminated block|KEY CHAIN BROKEN|without a matching END line",
        "key that is not base64 DER|GARBAGE CHAIN|not a PKCS#8 RSA key",
        "second certificate that is no DER|KEY CHAIN NOT_DER|certificate 3 of the server credentials is not a DER",
        "certificate with bytes after its DER|KEY TRAILING|certificate 1 of the server credentials is not a DER",
    })
    void refusesTextThatIsNotOneKeyAndAChain(String reason, String parts, String message) {
        StringBuilder text = new StringBuilder();
        for (String part : parts.split(" ")) {
            text.append(switch (part) {
                case "KEY" -> FIXTURE.keyPem();
                case "CHAIN" -> FIXTURE.chainPem();
                case "BROKEN" -> "-----BEGIN CERTIFICATE-----\nMIIB\n";
                case "NOT_DER" -> "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
                case "TRAILING" -> trailing(FIXTURE.server().certificate());
                default -> "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
            });
        }

        assertThatIllegalArgumentException().isThrownBy(() -> ServerSigningCredentials.fromPem(text.toString(), BASE_URL))
                .withMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyBase64().substring(0, 40)));
    }

    @Test
    void neverShowsTheKeyInItsText() {
        ServerSigningCredentials credentials = FIXTURE.credentials();

        assertThat(credentials.toString()).contains("redacted", BASE_URL).doesNotContain(keyBase64().substring(0, 40));
    }

    /** The certificate's DER with two bytes after it, which the JDK's factory reads as the certificate alone. */
    private static String trailing(java.security.cert.X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(longer)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
