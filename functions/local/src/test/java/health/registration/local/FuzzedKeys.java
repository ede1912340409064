package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import health.registration.core.udap.TestKeys;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * JWK sets for {@link RegistrationFuzzIT}: real keys made once (RSA 2048, tiny RSA 512 and 1024, EC P-256, P-384,
 * P-521), each given as a public key or with its private members; Ed25519 keys of random bytes, symmetric keys; sets
 * with duplicate {@code kid}s, too many keys, unknown curves and key types, and members of every wrong type.
 */
final class FuzzedKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FuzzValues values;
    private final List<JWK> privateKeys;

    FuzzedKeys(FuzzValues values) {
        this.values = values;
        this.privateKeys = makeKeys();
    }

    private static List<JWK> makeKeys() {
        List<JWK> keys = new ArrayList<>();
        for (int bits : new int[] {2048, 1024, 512}) {
            KeyPair pair = TestKeys.rsa(bits);
            keys.add(new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID("rsa-" + bits).build());
        }
        for (Curve curve : List.of(Curve.P_256, Curve.P_384, Curve.P_521)) {
            KeyPair pair = TestKeys.ec(curve.getStdName());
            keys.add(new ECKey.Builder(curve, (ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate())
                    .keyID("ec-" + curve.getName()).build());
        }
        return keys;
    }

    /** A {@code jwks} value: mostly {@code {"keys": [...]}}, sometimes not even that. */
    JsonNode jwks() {
        if (values.chance(10)) {
            return values.anyValue(2);
        }
        ObjectNode jwks = NODES.objectNode();
        ArrayNode keys = jwks.putArray("keys");
        int count = values.chance(10) ? 11 + values.random().nextInt(40) : 1 + values.random().nextInt(3);
        for (int n = 0; n < count; n++) {
            keys.add(key());
        }
        if (values.chance(10)) {
            jwks.set(values.pick(FuzzedRegistrations.MEMBERS), values.anyValue(1));
        }
        return jwks;
    }

    private JsonNode key() {
        JWK real = values.pick(privateKeys);
        ObjectNode key = switch (values.random().nextInt(7)) {
            case 0 -> parse(real.toJSONString());
            case 1 -> symmetric();
            case 6 -> okp();
            case 2 -> made(real.getKeyType().getValue());
            default -> parse(real.toPublicJWK().toJSONString());
        };
        if (values.chance(20)) {
            key.put("kid", values.pick(List.of("same", "", "rsa-2048")));
        }
        if (values.chance(15)) {
            key.set(values.pick(List.of("kty", "crv", "n", "e", "x", "y", "use", "alg", "key_ops", "x5c", "d")),
                    values.anyValue(1));
        }
        return key;
    }

    /** An Ed25519 or X25519 key (any 32 bytes are one), sometimes with its private part. */
    private ObjectNode okp() {
        ObjectNode key = NODES.objectNode().put("kty", "OKP").put("crv", values.pick(List.of("Ed25519", "X25519", "Ed448")))
                .put("x", base64url(32));
        return values.chance(50) ? key.put("d", base64url(32)) : key;
    }

    private String base64url(int length) {
        byte[] bytes = new byte[length];
        values.random().nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    private ObjectNode symmetric() {
        byte[] secret = new byte[values.random().nextInt(64)];
        values.random().nextBytes(secret);
        return NODES.objectNode().put("kty", "oct").put("k", Base64URL.encode(secret).toString()).put("kid", "oct");
    }

    /** A key of any type and curve with random members, as an attacker writes one by hand. */
    private ObjectNode made(String type) {
        byte[] bytes = new byte[1 + values.random().nextInt(600)];
        values.random().nextBytes(bytes);
        String random = Base64URL.encode(bytes).toString();
        ObjectNode key = NODES.objectNode().put("kty", values.pick(List.of(type, "RSA", "EC", "OKP", "oct", "", "rsa")));
        key.put("crv", values.pick(List.of("P-256", "P-384", "P-521", "secp256k1", "P-999", "Ed25519", "X25519", "")));
        key.put("n", random).put("e", values.pick(List.of("AQAB", "AQ", "", "AAAAAAAB", random)));
        key.put("x", random).put("y", values.pick(List.of(random, "", "AA")));
        if (values.chance(30)) {
            key.put("d", random);
        }
        return key;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
