package health.registration.core.certificate;

import health.registration.core.model.Parsed;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

/**
 * A public key this authority certifies, and signs with: one a UDAP client can sign software statements and client
 * assertions with (IG STU2 general §7.1.2: RS256 SHALL, ES256 SHOULD, RS384/ES384 MAY). So RSA of 2048 to 8192 bits
 * with a public exponent of FIPS 186-4 §B.3.1 (odd, at least 65537, below 2^256), or EC on P-256 or P-384 by named
 * curve. Everything else is refused by name: DSA, Ed25519/Ed448 (no UDAP algorithm uses them), RSASSA-PSS keys,
 * other curves and explicit curve parameters.
 */
public final class CertifiableKey {

    /** IG STU2 general §7.1.2 and NIST SP 800-131A: at least 2048-bit RSA. */
    public static final int MIN_RSA_BITS = 2048;
    /** Larger moduli only cost every verifier time and buy nothing over 8192 bits. */
    public static final int MAX_RSA_BITS = 8192;
    private static final BigInteger MIN_EXPONENT = BigInteger.valueOf(65537);
    private static final BigInteger EXPONENT_BOUND = BigInteger.ONE.shiftLeft(256);

    /** The named curves a UDAP key may use, with their names and the hash ECDSA signs with on them. */
    private static final Map<ASN1ObjectIdentifier, String> CURVES = Map.of(
            SECObjectIdentifiers.secp256r1, "P-256",
            SECObjectIdentifiers.secp384r1, "P-384");

    /** Signature algorithms a request may be self-signed with: SHA-2 only (no SHA-1 or MD5, RFC 9155 / SP 800-131A). */
    private static final Map<ASN1ObjectIdentifier, Boolean> SIGNATURES_RSA = Map.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, true,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, true,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, true,
            X9ObjectIdentifiers.ecdsa_with_SHA256, false,
            X9ObjectIdentifiers.ecdsa_with_SHA384, false,
            X9ObjectIdentifiers.ecdsa_with_SHA512, false);

    /** Key types refused by name; any other is named by its OID. */
    private static final Map<ASN1ObjectIdentifier, String> KEY_TYPES = Map.of(
            X9ObjectIdentifiers.id_dsa, "DSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "an RSASSA-PSS key (UDAP's RS256 is PKCS#1 v1.5)",
            OIWObjectIdentifiers.dsaWithSHA1, "DSA");

    private final PublicKey key;
    private final String description;
    private final String signatureAlgorithm;

    private CertifiableKey(PublicKey key, String description, String signatureAlgorithm) {
        this.key = key;
        this.description = description;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The key of a SubjectPublicKeyInfo, or a clause (to follow "the key ") saying why it is not certified. */
    public static Parsed<CertifiableKey> of(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            Parsed<PublicKey> key = decode(info, "RSA");
            return key.isOk() ? rsa(key.value()) : Parsed.failure(key.problem());
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            Optional<String> curve = namedCurve(info.getAlgorithm());
            if (curve.isEmpty()) {
                return Parsed.failure("is on an elliptic curve other than P-256 and P-384 (or has explicit curve"
                        + " parameters); UDAP clients sign with ES256 or ES384: use P-256 or P-384");
            }
            if (!onCurve(info)) {
                return Parsed.failure("is not a point on " + curve.get());
            }
            String hash = curve.get().equals("P-384") ? "SHA384" : "SHA256";
            return decode(info, "EC").map(k -> new CertifiableKey(k, "EC " + curve.get(), hash + "withECDSA"));
        }
        return Parsed.failure("is " + KEY_TYPES.getOrDefault(algorithm, "algorithm " + algorithm.getId()) + "; UDAP clients sign with RS256, ES256 or"
                + " ES384: use RSA of at least " + MIN_RSA_BITS + " bits, or EC on P-256 or P-384");
    }

    /**
     * Why a request self-signed with this algorithm is refused, if it is: empty when it fits the key's type, and for
     * keys that are neither RSA nor EC (refused for themselves).
     */
    public static Optional<String> signatureProblem(AlgorithmIdentifier signature, SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier type = key.getAlgorithm().getAlgorithm();
        boolean rsaKey = type.equals(PKCSObjectIdentifiers.rsaEncryption);
        if (!rsaKey && !type.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return Optional.empty();
        }
        Boolean rsaSignature = SIGNATURES_RSA.get(signature.getAlgorithm());
        if (rsaSignature == null) {
            return Optional.of("is signed with " + algorithmName(signature) + "; sign it with SHA-256 or stronger"
                    + " (SHA256withRSA, SHA256withECDSA or SHA384withECDSA)");
        }
        if (rsaSignature != rsaKey) {
            return Optional.of("is signed with " + algorithmName(signature) + ", which does not fit its "
                    + (rsaKey ? "RSA" : "EC") + " key");
        }
        return Optional.empty();
    }

    /**
     * The key, when a signature can be checked with it: RSA of any size (so that a weak key's bad signature is
     * reported too) or EC on P-256 or P-384.
     */
    public static Optional<PublicKey> verifiable(SubjectPublicKeyInfo info) {
        ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
        if (type.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return decode(info, "RSA").toOptional();
        }
        boolean named = type.equals(X9ObjectIdentifiers.id_ecPublicKey) && namedCurve(info.getAlgorithm()).isPresent();
        return named && onCurve(info) ? decode(info, "EC").toOptional() : Optional.empty();
    }

    public PublicKey publicKey() {
        return key;
    }

    /** E.g. {@code RSA 2048} or {@code EC P-256}. */
    public String description() {
        return description;
    }

    /** The JCA algorithm this key signs certificates and CRLs with, when it is an authority's key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    private static Parsed<CertifiableKey> rsa(PublicKey key) {
        RSAPublicKey rsa = (RSAPublicKey) key;
        int bits = rsa.getModulus().bitLength();
        BigInteger exponent = rsa.getPublicExponent();
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            return Parsed.failure("is RSA of " + bits + " bits; use RSA of " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
                    + " bits (or EC on P-256 or P-384)");
        }
        if (!exponent.testBit(0) || exponent.compareTo(MIN_EXPONENT) < 0 || exponent.compareTo(EXPONENT_BOUND) >= 0) {
            return Parsed.failure("is RSA with a public exponent outside FIPS 186-4 (odd, at least 65537, below"
                    + " 2^256); generate the key again with the default exponent 65537");
        }
        return Parsed.ok(new CertifiableKey(key, "RSA " + bits, "SHA256withRSA"));
    }

    private static Optional<String> namedCurve(AlgorithmIdentifier algorithm) {
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
            return Optional.empty();
        }
        return Optional.ofNullable(CURVES.get(curve));
    }

    /** SEC 1 §3.2.2.1: the point decodes on the named curve (the JDK's EC key factory does not check this). */
    private static boolean onCurve(SubjectPublicKeyInfo info) {
        try {
            ASN1ObjectIdentifier curve = (ASN1ObjectIdentifier) info.getAlgorithm().getParameters();
            ECNamedCurveTable.getByOID(curve).getCurve().decodePoint(info.getPublicKeyData().getOctets());
            return true;
        } catch (RuntimeException offTheCurve) {
            return false;
        }
    }

    private static Parsed<PublicKey> decode(SubjectPublicKeyInfo info, String algorithm) {
        try {
            return Parsed.ok(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded())));
        } catch (GeneralSecurityException | IOException | RuntimeException malformed) {
            return Parsed.failure("is not a well-formed " + algorithm + " public key");
        }
    }

    private static String algorithmName(AlgorithmIdentifier algorithm) {
        String name = new DefaultAlgorithmNameFinder().getAlgorithmName(algorithm);
        return name.equals(algorithm.getAlgorithm().getId()) ? "algorithm " + name : name;
    }
}
