package health.registration.core.udap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds UDAP software statements the way a client does (IG STU2 registration §3.1; the shape of the Inferno UDAP
 * Security Test Kit's registration group), and the broken ones a server must refuse: any header, any payload text
 * (duplicates included), a key other than x5c[0]'s, {@code alg: none}, HS256. The header and payload are written as
 * given, so tests control every byte.
 */
public final class SoftwareStatements {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SoftwareStatements() {}

    /** Valid client-credentials claims in Inferno's order: exp 300 s after iat, a fresh 64-hex jti. */
    public static ObjectNode claims(String clientUri, String registrationEndpoint, Instant issuedAt) {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", clientUri).put("sub", clientUri).put("aud", registrationEndpoint);
        claims.put("exp", issuedAt.getEpochSecond() + 300).put("iat", issuedAt.getEpochSecond());
        byte[] jti = new byte[32];
        ThreadLocalRandom.current().nextBytes(jti);
        claims.put("jti", HexFormat.of().formatHex(jti));
        claims.put("client_name", "Test UDAP Client");
        claims.putArray("contacts").add("mailto:operator@app.example.com");
        claims.put("logo_uri", "https://app.example.com/logo.png");
        claims.putArray("grant_types").add("client_credentials");
        claims.put("token_endpoint_auth_method", "private_key_jwt");
        claims.put("scope", "system/Patient.rs");
        return claims;
    }

    /** {@code {"alg": ..., "x5c": [standard base64 DER, ...]}}. */
    public static ObjectNode header(String alg, List<X509Certificate> x5c) {
        ObjectNode header = JSON.createObjectNode().put("alg", alg);
        ArrayNode chain = header.putArray("x5c");
        for (X509Certificate certificate : x5c) {
            try {
                chain.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return header;
    }

    /** Signed by the signer's key with the alg that fits it (RS256, or ES256/ES384 by curve). */
    public static String sign(TestCredential signer, List<X509Certificate> x5c, ObjectNode claims) {
        JWSAlgorithm alg = algorithmFor(signer.privateKey());
        return sign(header(alg.getName(), x5c), claims.toString(), signer.privateKey(), alg);
    }

    /** The header and payload texts as given, signed by the key with {@code signAs}, whatever the header says. */
    public static String sign(ObjectNode header, String payload, PrivateKey key, JWSAlgorithm signAs) {
        JWSSigner signer;
        try {
            // Weak RSA keys are allowed: tests need statements that the verifier must refuse for their key size.
            signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec)
                    : new RSASSASigner(key, Set.of(AllowWeakRSAKey.getInstance()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return signWith(signer, header.toString(), payload, signAs);
    }

    /** {@code alg: none}: an empty signature. */
    public static String unsigned(ObjectNode header, String payload) {
        return encode(header.toString()) + "." + encode(payload) + ".";
    }

    /** HS256 with a shared secret of at least 32 bytes. */
    public static String macSigned(ObjectNode header, String payload, byte[] secret) {
        try {
            return signWith(new MACSigner(secret), header.toString(), payload, JWSAlgorithm.HS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header and payload texts as given, with any third part. */
    public static String assemble(String header, String payload, String signature) {
        return encode(header) + "." + encode(payload) + "." + signature;
    }

    public static JWSAlgorithm algorithmFor(PrivateKey key) {
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() == 384 ? JWSAlgorithm.ES384 : JWSAlgorithm.ES256;
        }
        return JWSAlgorithm.RS256;
    }

    private static String signWith(JWSSigner signer, String header, String payload, JWSAlgorithm alg) {
        String signingInput = encode(header) + "." + encode(payload);
        try {
            return signingInput + "." + signer.sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
