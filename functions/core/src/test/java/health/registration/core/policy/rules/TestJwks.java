package health.registration.core.policy.rules;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import health.registration.core.udap.TestKeys;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * JSON Web Keys for the jwks tables, generated once per test run (the RSA pairs drawn from {@link TestKeys}) and
 * named by placeholders that a table row writes inside its JSON: {@code {"keys": [$RSA2048, $P256]}}.
 */
public final class TestJwks {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$[A-Z0-9_]+");
    private static final Map<String, String> KEYS = generate();

    private TestJwks() {}

    /** The row's JSON with every placeholder replaced by its key. */
    public static String expand(String json) {
        if (json == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = KEYS.get(m.group().substring(1));
            if (key == null) {
                throw new IllegalArgumentException("a test row names an unknown key: " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(key));
        }
        return m.appendTail(out).toString();
    }

    /** A JWK Set holding the named keys, as JSON text: {@code set("P256")}. */
    public static String set(String... names) {
        return expand(java.util.Arrays.stream(names).map(n -> "$" + n).collect(Collectors.joining(", ", "{\"keys\": [", "]}")));
    }

    /** A JWK Set of {@code count} distinct public P-256 keys. */
    public static String setOfP256(int count) {
        return IntStream.range(0, count).mapToObj(i -> ec(Curve.P_256).toPublicJWK().toJSONString())
                .collect(Collectors.joining(", ", "{\"keys\": [", "]}"));
    }

    private static Map<String, String> generate() {
        RSAKey rsa2048 = rsa(2048);
        ECKey p256 = ec(Curve.P_256);
        return Map.ofEntries(
                Map.entry("RSA2048", rsa2048.toPublicJWK().toJSONString()),
                Map.entry("RSA2048_PRIVATE", rsa2048.toJSONString()),
                Map.entry("RSA1024", rsa(1024).toPublicJWK().toJSONString()),
                Map.entry("P256", p256.toPublicJWK().toJSONString()),
                Map.entry("P256_KID_A", new ECKey.Builder(p256.toPublicJWK()).keyID("a").build().toJSONString()),
                Map.entry("P384_KID_A", new ECKey.Builder(ec(Curve.P_384).toPublicJWK()).keyID("a").build().toJSONString()),
                Map.entry("P384_KID_B", new ECKey.Builder(ec(Curve.P_384).toPublicJWK()).keyID("b").build().toJSONString()),
                Map.entry("P256_PRIVATE", p256.toJSONString()),
                Map.entry("P256_SIG", withUse(p256.toPublicJWK(), KeyUse.SIGNATURE)),
                Map.entry("P256_ENC", withUse(p256.toPublicJWK(), KeyUse.ENCRYPTION)),
                Map.entry("P384", ec(Curve.P_384).toPublicJWK().toJSONString()),
                Map.entry("P521", ec(Curve.P_521).toPublicJWK().toJSONString()),
                Map.entry("OCT", octet()),
                // RFC 8037 appendix A.2: an Ed25519 public key.
                Map.entry("ED25519", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}"),
                // A member the JOSE library does not know as a key type, carrying private-looking material.
                Map.entry("UNKNOWN_KTY", "{\"kty\":\"XYZ\",\"d\":\"c2VjcmV0\"}"));
    }

    private static String withUse(JWK key, KeyUse use) {
        return new ECKey.Builder((ECKey) key).keyUse(use).build().toJSONString();
    }

    private static RSAKey rsa(int bits) {
        KeyPair pair = TestKeys.rsa(bits);
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).build();
    }

    private static ECKey ec(Curve curve) {
        try {
            return new ECKeyGenerator(curve).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String octet() {
        try {
            return new OctetSequenceKeyGenerator(256).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
