package health.registration.core.udap;

import com.nimbusds.jose.util.Base64;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;

/**
 * The key and certificate chain with which this server signs its UDAP metadata (IG STU2 §2.3,
 * {@code signed_metadata}), for one issuer: the FHIR server's base URL, where clients discover UDAP.
 *
 * <p>Checked when built (when the secret is read, on the first request), so a wrong configuration answers 503 and
 * names its setting in the log rather than publishing metadata that clients reject:
 * <ul>
 *   <li>the key is RSA of at least 2048 bits: "This JWT SHALL be signed using the RS256 signature algorithm" (IG STU2
 *       §2.3), and IG STU2 general §7.1.2 asks for 2048-bit RSA keys;</li>
 *   <li>the key belongs to the leaf certificate (the first of the chain, whose key clients verify with: UDAP Server
 *       Metadata §3.1), and each certificate of the chain is signed by the next;</li>
 *   <li>the issuer is a uniformResourceIdentifier of the leaf's Subject Alternative Name, written exactly the same:
 *       {@code iss} "SHALL match the value of a uniformResourceIdentifier entry in the Subject Alternative Name
 *       extension of the server's certificate" (IG STU2 §2.3);</li>
 *   <li>a leaf with a keyUsage extension allows digitalSignature (RFC 5280 §4.2.1.3).</li>
 * </ul>
 * Immutable and thread-safe; {@link #toString()} never shows the key.
 */
public final class ServerSigningCredentials {

    /** IG STU2 general §7.1.2 and NIST SP 800-131A: at least 2048-bit RSA. */
    public static final int MIN_RSA_BITS = 2048;
    /** RFC 5280 §4.2.1.6: the GeneralName tag of a uniformResourceIdentifier. */
    /** RFC 5280 §4.2.1.3: the digitalSignature bit of keyUsage. */
    private static final int DIGITAL_SIGNATURE = 0;

    private final RSAPrivateKey key;
    private final List<X509Certificate> chain;
    private final List<Base64> x5c;
    private final String issuer;

    private ServerSigningCredentials(RSAPrivateKey key, List<X509Certificate> chain, String issuer) {
        this.key = key;
        this.chain = List.copyOf(chain);
        this.x5c = chain.stream().map(ServerSigningCredentials::x5cEntry).toList();
        this.issuer = issuer;
    }

    /**
     * Reads the credentials from PEM text holding one unencrypted PKCS#8 {@code PRIVATE KEY} block and the chain's
     * {@code CERTIFICATE} blocks, leaf first (in any order relative to the key). Key and chain may come from two
     * files joined with a line break, or from one secret.
     *
     * @param pem    the PEM text
     * @param issuer the FHIR base URL, which must be a SAN URI of the leaf
     * @throws IllegalArgumentException saying what is wrong, never repeating key material
     */
    public static ServerSigningCredentials fromPem(String pem, String issuer) {
        ServerSigningCredentialsPem.Contents contents = ServerSigningCredentialsPem.read(Objects.requireNonNull(pem));
        return of(contents.key(), contents.chain(), issuer);
    }

    /** The same checks as {@link #fromPem} on a key and chain already read. */
    public static ServerSigningCredentials of(PrivateKey key, List<X509Certificate> chain, String issuer) {
        Objects.requireNonNull(key);
        Objects.requireNonNull(issuer);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the server certificate chain is empty; give it leaf first");
        }
        if (!(key instanceof RSAPrivateKey rsa)) {
            throw new IllegalArgumentException("the server key is " + key.getAlgorithm() + ", but signed_metadata"
                    + " SHALL be signed with RS256 (IG STU2 §2.3): use an RSA key of at least 2048 bits");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the server key has " + rsa.getModulus().bitLength()
                    + " bits; RS256 signing needs an RSA key of at least " + MIN_RSA_BITS + " bits");
        }
        X509Certificate leaf = chain.get(0);
        requireMatchingKey(rsa, leaf);
        requireOrderedChain(chain);
        requireDigitalSignature(leaf);
        if (!SubjectAlternativeNames.uris(leaf).contains(issuer)) {
            throw new IllegalArgumentException("the server certificate " + leaf.getSubjectX500Principal().getName()
                    + " has no Subject Alternative Name uniformResourceIdentifier equal to the FHIR base URL " + issuer
                    + " (it has " + SubjectAlternativeNames.uris(leaf) + "); signed_metadata iss is the FHIR base URL"
                    + " and must be one of them, written exactly the same (IG STU2 §2.3)");
        }
        return new ServerSigningCredentials(rsa, chain, issuer);
    }

    private static void requireMatchingKey(RSAPrivateKey key, X509Certificate leaf) {
        boolean matches = leaf.getPublicKey() instanceof RSAPublicKey pub && pub.getModulus().equals(key.getModulus())
                && (!(key instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(pub.getPublicExponent()));
        if (!matches) {
            throw new IllegalArgumentException("the server key does not belong to the first certificate of the chain;"
                    + " give the chain leaf first, starting with the certificate of this key");
        }
    }

    private static void requireOrderedChain(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("certificate " + (i + 1) + " of the server chain is not signed by"
                        + " certificate " + (i + 2) + "; give the chain leaf first, each certificate followed by its"
                        + " issuer");
            }
        }
    }

    private static void requireDigitalSignature(X509Certificate leaf) {
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && (usage.length <= DIGITAL_SIGNATURE || !usage[DIGITAL_SIGNATURE])) {
            throw new IllegalArgumentException("the server certificate's keyUsage does not allow digitalSignature");
        }
    }


    /** IG STU2 general §7.1.3: x5c entries are the standard base64 (not base64url) of each certificate's DER. */
    private static Base64 x5cEntry(X509Certificate certificate) {
        try {
            return Base64.encode(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a server certificate cannot be encoded as DER", e);
        }
    }

    /** The FHIR base URL the credentials were checked for: {@code iss} and {@code sub} of the signed metadata. */
    public String issuer() {
        return issuer;
    }

    /** The certificate chain, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The {@code x5c} header value: the chain, leaf first. */
    List<Base64> x5c() {
        return x5c;
    }

    /** Only the signer in this package sees the key. */
    RSAPrivateKey privateKey() {
        return key;
    }

    @Override
    public String toString() {
        return "ServerSigningCredentials[issuer=" + issuer + ", leaf=" + leaf().getSubjectX500Principal().getName()
                + ", chain=" + chain.size() + " certificates, key=(redacted)]";
    }
}
