package health.registration.core.udap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.model.JsonLimits;
import health.registration.core.model.Parsed;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A software statement read as a JWS (IG STU2 general §7.1.1–7.1.3) and its signature checked with the key of its
 * leaf certificate (UDAP DCR §4.1). Problems are sentences; the caller answers them as invalid_software_statement.
 */
final class SignedStatement {

    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384);
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384);
    private static final int MIN_RSA_BITS = 2048;
    /**
     * Longest compact JWS read: a statement arrives inside a request body, so it is held to the body's own bound
     * before any base64 is decoded (policy section 8).
     */
    static final int MAX_COMPACT_LENGTH = JsonLimits.MAX_DOCUMENT_BYTES;
    /** Most x5c entries decoded: a leaf, three intermediates and an anchor are more than any community uses. */
    static final int MAX_X5C_CERTIFICATES = 5;
    /**
     * Header and claims kept exactly as sent: member order, and numbers without loss; a duplicate member is refused;
     * size, depth and number length bounded as a request body is ({@link JsonLimits}).
     */
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder(JsonLimits.factory().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final SignedJWT jws;
    private final List<X509Certificate> chain;
    private final ObjectNode claims;

    private SignedStatement(SignedJWT jws, List<X509Certificate> chain, ObjectNode claims) {
        this.jws = jws;
        this.chain = List.copyOf(chain);
        this.claims = claims;
    }

    /** The {@code alg} header, one of RS256, ES256, RS384 and ES384 once parsed. */
    String algorithm() {
        return jws.getHeader().getAlgorithm().getName();
    }

    static Parsed<SignedStatement> parse(String text) {
        if (text.length() > MAX_COMPACT_LENGTH) {
            return Parsed.failure("software_statement must be at most " + MAX_COMPACT_LENGTH + " characters long");
        }
        SignedJWT jws;
        try {
            jws = SignedJWT.parse(text);
        } catch (ParseException | IllegalArgumentException | IllegalStateException e) {
            return Parsed.failure("software_statement must be a signed JWT in JWS compact serialization");
        }
        // RFC 7515 §4: a header with duplicate members may be read differently by different parsers; it is read again
        // here, within the limits of a request body.
        if (jsonObject(jws.getHeader().getParsedBase64URL().decode()).isEmpty()) {
            return Parsed.failure("software_statement header must be a JSON object without duplicate members, within"
                    + " the limits of a request body");
        }
        // IG STU2 general §7.1.2: RS256 SHALL, ES256 SHOULD, RS384 and ES384 MAY; never none or a MAC.
        if (!RSA.contains(jws.getHeader().getAlgorithm()) && !EC.contains(jws.getHeader().getAlgorithm())) {
            return Parsed.failure("software_statement must be signed with RS256, ES256, RS384 or ES384 (alg header)");
        }
        Parsed<List<X509Certificate>> chain = chain(jws.getHeader().getX509CertChain());
        if (!chain.isOk()) {
            return Parsed.failure(chain.problem());
        }
        Optional<ObjectNode> claims = jsonObject(jws.getPayload().toBytes());
        if (claims.isEmpty()) {
            return Parsed.failure("software_statement claims must be one JSON object in UTF-8 without duplicate"
                    + " members, at most " + JsonLimits.MAX_DEPTH + " deep, with no number longer than "
                    + JsonLimits.MAX_NUMBER_LENGTH + " characters");
        }
        return Parsed.ok(new SignedStatement(jws, chain.value(), claims.get()));
    }

    /** IG STU2 general §7.1.3: x5c holds the standard base64 DER of the leaf certificate, then its chain. */
    private static Parsed<List<X509Certificate>> chain(List<Base64> x5c) {
        if (x5c == null || x5c.isEmpty()) {
            return Parsed.failure("software_statement must carry its certificate chain, leaf first, in the x5c header");
        }
        if (x5c.size() > MAX_X5C_CERTIFICATES) {
            return Parsed.failure("software_statement x5c must hold at most " + MAX_X5C_CERTIFICATES
                    + " certificates: the leaf and its intermediates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Base64 entry : x5c) {
            Optional<X509Certificate> certificate = certificate(entry.toString());
            if (certificate.isEmpty()) {
                return Parsed.failure("software_statement x5c entries must each be the standard base64 (not base64url)"
                        + " of the DER of an X.509 certificate");
            }
            chain.add(certificate.get());
        }
        return Parsed.ok(chain);
    }

    private static Optional<X509Certificate> certificate(String base64) {
        try {
            byte[] der = java.util.Base64.getDecoder().decode(base64);
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            // The JDK also reads PEM and tolerates trailing bytes: only the exact DER is an x5c entry.
            return Arrays.equals(certificate.getEncoded(), der) ? Optional.of(certificate) : Optional.empty();
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Optional<ObjectNode> jsonObject(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            JsonNode node = STRICT_JSON.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (CharacterCodingException | JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** UDAP DCR §4.1: the signature verifies with the public key of x5c[0], whose type and size fit the alg. */
    Optional<String> signatureProblem() {
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        PublicKey key = leaf().getPublicKey();
        JWSVerifier verifier;
        try {
            if (RSA.contains(alg) && key instanceof RSAPublicKey rsa) {
                if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    return Optional.of("software_statement must be signed with an RSA key of at least 2048 bits");
                }
                verifier = new RSASSAVerifier(rsa);
            } else if (EC.contains(alg) && key instanceof ECPublicKey ec
                    && Curve.forJWSAlgorithm(alg).contains(Curve.forECParameterSpec(ec.getParams()))) {
                verifier = new ECDSAVerifier(ec);
            } else {
                return Optional.of("software_statement alg header does not fit the key of its first x5c certificate");
            }
            if (jws.verify(verifier)) {
                return Optional.empty();
            }
        } catch (JOSEException e) {
            // A key or signature the verifier cannot use is a signature that does not verify.
        }
        return Optional.of("software_statement signature does not verify with the key of its first x5c certificate");
    }

    /** x5c[0], whose key signed the statement. */
    X509Certificate leaf() {
        return chain.get(0);
    }

    /** x5c in order, leaf first. */
    List<X509Certificate> chain() {
        return chain;
    }

    /** The payload as sent; the caller must not change it. */
    ObjectNode claims() {
        return claims;
    }
}
