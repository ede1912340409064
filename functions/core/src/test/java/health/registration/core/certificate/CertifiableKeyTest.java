package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.Parsed;
import health.registration.core.udap.TestKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The keys UDAP clients can sign with (IG STU2 general §7.1.2), and the signature algorithms a request may use. */
class CertifiableKeyTest {

    static Stream<Arguments> keys() {
        BigInteger f4 = BigInteger.valueOf(65537);
        return Stream.of(
                row("RSA 2048, exponent 65537", rsa(2048, f4), "RSA 2048", null),
                row("RSA 8192, the largest", rsa(8192, f4), "RSA 8192", null),
                row("RSA 3072 with a large odd exponent", rsa(3072, BigInteger.ONE.shiftLeft(255).setBit(0)), "RSA 3072", null),
                row("RSA 2047: one bit short", rsa(2047, f4), null, "is RSA of 2047 bits; use RSA of 2048 to 8192 bits"),
                row("RSA 1024", rsa(1024, f4), null, "is RSA of 1024 bits"),
                row("RSA 8193: beyond the cap", rsa(8193, f4), null, "is RSA of 8193 bits"),
                row("exponent 3", rsa(2048, BigInteger.valueOf(3)), null, "public exponent outside FIPS 186-4"),
                row("an even exponent", rsa(2048, BigInteger.valueOf(65538)), null, "public exponent outside FIPS 186-4"),
                row("exponent 2^256 + 1", rsa(2048, BigInteger.ONE.shiftLeft(256).setBit(0)), null,
                        "public exponent outside FIPS 186-4"),
                row("EC P-256", TestKeys.ec(TestKeys.P256).getPublic(), "EC P-256", null),
                row("EC P-384", TestKeys.ec(TestKeys.P384).getPublic(), "EC P-384", null),
                row("EC P-521", TestCsrs.ec("secp521r1").getPublic(), null, "elliptic curve other than P-256 and P-384"),
                row("Ed25519", TestCsrs.ed25519().getPublic(), null, "is Ed25519; UDAP clients sign with"),
                row("DSA", TestCsrs.dsa().getPublic(), null, "is DSA"));
    }

    private static Arguments row(String reason, PublicKey key, String description, String problem) {
        return Arguments.of(reason, key, description, problem);
    }

    /** An RSA public key of exactly {@code bits} bits; its modulus is no product of primes, which no check needs. */
    private static PublicKey rsa(int bits, BigInteger exponent) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits - 1).setBit(0);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("keys")
    void certifiesRsaFrom2048To8192BitsAndTheTwoUdapCurvesOnly(String reason, PublicKey key, String description,
            String problem) {
        Parsed<CertifiableKey> parsed = CertifiableKey.of(SubjectPublicKeyInfo.getInstance(key.getEncoded()));

        if (problem == null) {
            assertThat(parsed.isOk()).as(reason).isTrue();
            assertThat(parsed.value().description()).isEqualTo(description);
            assertThat(parsed.value().publicKey()).isEqualTo(key);
        } else {
            assertThat(parsed.problem()).as(reason).contains(problem);
        }
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # key | signature algorithm OID | problem                                     | reason
        RSA   | 1.2.840.113549.1.1.11   |                                             | sha256WithRSAEncryption
        RSA   | 1.2.840.113549.1.1.12   |                                             | sha384WithRSAEncryption
        RSA   | 1.2.840.113549.1.1.13   |                                             | sha512WithRSAEncryption
        RSA   | 1.2.840.113549.1.1.5    | is signed with SHA1WITHRSA; sign it with    | SHA-1 is refused
        RSA   | 1.2.840.113549.1.1.4    | is signed with MD5WITHRSA                   | MD5 is refused
        RSA   | 1.2.840.10045.4.3.2     | which does not fit its RSA key              | an ECDSA signature on an RSA key
        EC    | 1.2.840.10045.4.3.2     |                                             | ecdsa-with-SHA256
        EC    | 1.2.840.10045.4.3.3     |                                             | ecdsa-with-SHA384
        EC    | 1.2.840.10045.4.1       | is signed with ECDSAWITHSHA1                | ECDSA with SHA-1 is refused
        EC    | 1.2.840.113549.1.1.11   | which does not fit its EC key               | an RSA signature on an EC key
        """)
    void acceptsSha2SignaturesThatFitTheKey(String keyType, String oid, String problem, String reason) {
        PublicKey key = keyType.equals("RSA") ? rsa(2048, BigInteger.valueOf(65537)) : TestKeys.ec(TestKeys.P256).getPublic();
        AlgorithmIdentifier signature = new AlgorithmIdentifier(new ASN1ObjectIdentifier(oid));

        Optional<String> found = CertifiableKey.signatureProblem(signature, SubjectPublicKeyInfo.getInstance(key.getEncoded()));

        if (problem == null) {
            assertThat(found).as(reason).isEmpty();
        } else {
            assertThat(found).as(reason).hasValueSatisfying(p -> assertThat(p).contains(problem));
        }
    }

    @Test
    void leavesTheSignatureOfAKeyThatIsNeitherRsaNorEcToTheKeyCheck() {
        SubjectPublicKeyInfo dsa = SubjectPublicKeyInfo.getInstance(TestCsrs.dsa().getPublic().getEncoded());

        assertThat(CertifiableKey.signatureProblem(new AlgorithmIdentifier(PKCSObjectIdentifiers.sha1WithRSAEncryption), dsa))
                .isEmpty();
    }

    @Test
    void signsCertificatesWithTheHashThatFitsTheKey() {
        assertThat(signatureAlgorithm(rsa(2048, BigInteger.valueOf(65537)))).isEqualTo("SHA256withRSA");
        assertThat(signatureAlgorithm(TestKeys.ec(TestKeys.P256).getPublic())).isEqualTo("SHA256withECDSA");
        assertThat(signatureAlgorithm(TestKeys.ec(TestKeys.P384).getPublic())).isEqualTo("SHA384withECDSA");
    }

    @Test
    void refusesAnEcPointThatIsNotOnItsCurve() {
        byte[] encoded = TestKeys.ec(TestKeys.P256).getPublic().getEncoded();
        encoded[encoded.length - 1] ^= 1;
        SubjectPublicKeyInfo offCurve = SubjectPublicKeyInfo.getInstance(encoded);

        assertThat(CertifiableKey.of(offCurve).problem()).isEqualTo("is not a point on P-256");
        assertThat(CertifiableKey.verifiable(offCurve)).isEmpty();
        assertThat(offCurve.getAlgorithm().getAlgorithm()).isEqualTo(X9ObjectIdentifiers.id_ecPublicKey);
    }

    static Stream<Arguments> verifiableKeys() {
        return Stream.of(
                Arguments.of("RSA 2048", TestCsrs.rsa2048().getPublic(), true),
                Arguments.of("RSA 1024, so that its bad signature is reported too", TestCsrs.rsa1024().getPublic(), true),
                Arguments.of("EC P-256", TestKeys.ec(TestKeys.P256).getPublic(), true),
                Arguments.of("EC P-384", TestKeys.ec(TestKeys.P384).getPublic(), true),
                Arguments.of("EC secp256k1, no UDAP curve", TestCsrs.secp256k1().getPublic(), false),
                Arguments.of("DSA", TestCsrs.dsa().getPublic(), false),
                Arguments.of("Ed25519", TestCsrs.ed25519().getPublic(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verifiableKeys")
    void checksSignaturesWithRsaOfAnySizeAndTheTwoUdapCurves(String reason, PublicKey key, boolean verifiable)
            throws Exception {
        Optional<PublicKey> found = CertifiableKey.verifiable(SubjectPublicKeyInfo.getInstance(key.getEncoded()));

        if (verifiable) {
            assertThat(found).as(reason).hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
        } else {
            assertThat(found).as(reason).isEmpty();
        }
    }

    @Test
    void checksNoSignatureWithAnRsaKeyThatDoesNotDecode() {
        SubjectPublicKeyInfo malformed = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                org.bouncycastle.asn1.DERNull.INSTANCE), new byte[] {1, 2, 3});

        assertThat(CertifiableKey.verifiable(malformed)).isEmpty();
    }

    private static String signatureAlgorithm(PublicKey key) {
        return CertifiableKey.of(SubjectPublicKeyInfo.getInstance(key.getEncoded())).value().signatureAlgorithm();
    }
}
