package health.registration.core.connector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A UDAP client's certificate key as a JWK Set (RFC 7517 §5), so that an authorization server that checks client
 * assertions against registered keys accepts the assertions the client signs with it (UDAP IG STU2 §3.1: the
 * assertion is signed with the private key of the certificate bound at registration, UDAP DCR §5.1). The set carries
 * one key, {@code "use": "sig"}, with the leaf certificate as its {@code x5c} (RFC 7517 §4.7).
 */
public final class CertificateKeySet {

    private CertificateKeySet() {}

    /**
     * The set of the certificate's key; empty when the text is not a certificate or its key is neither RSA nor EC on
     * P-256, P-384 or P-521 (the curves of RFC 7518 §6.2.1.1).
     *
     * @param certificate the leaf certificate, base64 DER
     */
    public static Optional<String> of(String certificate) {
        X509Certificate parsed;
        try {
            parsed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(certificate)));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
        return key(parsed.getPublicKey()).map(key -> {
            key.put("use", "sig");
            key.putArray("x5c").add(certificate.replaceAll("\\s", ""));
            ObjectNode set = JsonNodeFactory.instance.objectNode();
            set.putArray("keys").add(key);
            return set.toString();
        });
    }

    private static Optional<ObjectNode> key(PublicKey key) {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        if (key instanceof RSAPublicKey rsa) { // RFC 7518 §6.3.1
            return Optional.of(jwk.put("kty", "RSA").put("n", unsigned(rsa.getModulus(), 0))
                    .put("e", unsigned(rsa.getPublicExponent(), 0)));
        }
        if (key instanceof ECPublicKey ec) { // RFC 7518 §6.2.1
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            String curve = switch (bits) {
                case 256 -> "P-256";
                case 384 -> "P-384";
                case 521 -> "P-521";
                default -> null;
            };
            if (curve == null) {
                return Optional.empty();
            }
            int length = (bits + 7) / 8;
            return Optional.of(jwk.put("kty", "EC").put("crv", curve)
                    .put("x", unsigned(ec.getW().getAffineX(), length))
                    .put("y", unsigned(ec.getW().getAffineY(), length)));
        }
        return Optional.empty();
    }

    /** Base64url of the big-endian unsigned bytes, left-padded with zeros to {@code length} (0: no padding). */
    private static String unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (bytes.length < length) {
            byte[] padded = new byte[length];
            System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
