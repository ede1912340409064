package health.registration.core.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CertificateKeySetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestPki PKI = TestPki.create("key-set");

    private static JsonNode onlyKey(TestCredential leaf) throws Exception {
        String der = Base64.getEncoder().encodeToString(leaf.certificate().getEncoded());
        JsonNode set = JSON.readTree(CertificateKeySet.of(der).orElseThrow());
        assertThat(set.path("keys")).hasSize(1);
        JsonNode key = set.path("keys").get(0);
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("x5c").get(0).asText()).isEqualTo(der);
        // The JWK names the certificate's own public key (RFC 7517 §4.7: x5c's key matches the JWK's).
        assertThat(JWK.parse(key.toString()).toPublicJWK().toJSONObject().get("kty")).isNotNull();
        assertThat(JWK.parse(key.toString()).getParsedX509CertChain().get(0).getPublicKey().getEncoded())
                .isEqualTo(leaf.certificate().getPublicKey().getEncoded());
        return key;
    }

    @Test
    void anRsaCertificateKey() throws Exception {
        TestCredential leaf = PKI.rsaLeaf("https://app.example.com/udap");
        JsonNode key = onlyKey(leaf);
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(JWK.parse(key.toString()).toRSAKey().toPublicKey()).isEqualTo(leaf.certificate().getPublicKey());
    }

    @Test
    void anEcCertificateKey() throws Exception {
        TestCredential leaf = PKI.ecLeaf(TestKeys.P256, "https://app.example.com/udap");
        JsonNode key = onlyKey(leaf);
        assertThat(key.path("crv").asText()).isEqualTo("P-256");
        assertThat(JWK.parse(key.toString()).toECKey().toPublicKey().getEncoded())
                .isEqualTo(leaf.certificate().getPublicKey().getEncoded());
    }

    @Test
    void notACertificate() {
        assertThat(CertificateKeySet.of("bm90IGEgY2VydGlmaWNhdGU=")).isEmpty();
        assertThat(CertificateKeySet.of("%%%")).isEmpty();
    }

    /** RFC 7518 §6.2.1.2: x and y are the full size of a coordinate of the curve, leading zeros kept. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1} bytes")
    @org.junit.jupiter.params.provider.CsvSource({"secp256r1, 32, P-256", "secp384r1, 48, P-384", "secp521r1, 66, P-521"})
    void ecCoordinatesHaveTheFullSizeOfTheCurve(String curve, int bytes, String name) throws Exception {
        JsonNode key = onlyKey(PKI.leaf(PKI.leafSpec("https://app.example.com/udap").withKeys(ecKeys(curve))));

        assertThat(key.path("crv").asText()).isEqualTo(name);
        assertThat(Base64.getUrlDecoder().decode(key.path("x").asText())).hasSize(bytes);
        assertThat(Base64.getUrlDecoder().decode(key.path("y").asText())).hasSize(bytes);
    }

    @Test
    void anEcCoordinateWithLeadingZeroBytesIsPaddedToTheFullSize() throws Exception {
        java.security.KeyPair keys;
        do { // about one key in 256 has an x whose first byte is zero
            keys = ecKeys("secp256r1");
        } while (((java.security.interfaces.ECPublicKey) keys.getPublic()).getW().getAffineX().bitLength() > 248);
        java.math.BigInteger x = ((java.security.interfaces.ECPublicKey) keys.getPublic()).getW().getAffineX();

        JsonNode key = onlyKey(PKI.leaf(PKI.leafSpec("https://app.example.com/udap").withKeys(keys)));

        byte[] encoded = Base64.getUrlDecoder().decode(key.path("x").asText());
        assertThat(encoded).hasSize(32);
        assertThat(encoded[0]).isZero();
        assertThat(new java.math.BigInteger(1, encoded)).isEqualTo(x);
    }

    private static java.security.KeyPair ecKeys(String curve) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
