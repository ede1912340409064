package health.registration.core.certificate;

import health.registration.core.model.Parsed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The CA that issues developer certificates: its name, private key and certificate chain, the issuing CA first.
 * Checked when built (in the functions, each time its secret is read: {@link IssuingAuthoritySource}), so that a wrong
 * key or chain is refused, and the requests that need it answered 503, rather than certificates issued that nobody
 * can validate:
 * <ul>
 *   <li>the name is a lower-case label (it is the CRL's file name, {@code /crl/{name}.crl});</li>
 *   <li>the issuing CA certificate says CA in basicConstraints (RFC 5280 §4.2.1.9) and allows keyCertSign and
 *       cRLSign in keyUsage (§4.2.1.3: it signs certificates and CRLs);</li>
 *   <li>the key is a {@link CertifiableKey} (RSA of at least 2048 bits, or P-256/P-384) and belongs to that
 *       certificate; each certificate of the chain is signed by the next.</li>
 * </ul>
 * Immutable and thread-safe; the key never leaves it and {@link #toString()} never shows it.
 */
public final class IssuingAuthority {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62})");
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final String name;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final CertifiableKey publicKey;

    private IssuingAuthority(String name, PrivateKey key, List<X509Certificate> chain, CertifiableKey publicKey) {
        this.name = name;
        this.key = key;
        this.chain = List.copyOf(chain);
        this.publicKey = publicKey;
    }

    /**
     * @param keyPem   the CA's unencrypted private key (PKCS#8, or OpenSSL's RSA/EC form)
     * @param chainPem the chain, the issuing CA first, each certificate followed by its issuer
     * @param name     a lower-case label: letters, digits, hyphens
     * @throws IllegalArgumentException saying what is wrong, never repeating key material
     */
    public static IssuingAuthority fromPem(String keyPem, String chainPem, String name) {
        return of(IssuingAuthorityPem.key(Objects.requireNonNull(keyPem)),
                IssuingAuthorityPem.chain(Objects.requireNonNull(chainPem)), name);
    }

    /** The same checks as {@link #fromPem} on a key and chain already read. */
    public static IssuingAuthority of(PrivateKey key, List<X509Certificate> chain, String name) {
        Objects.requireNonNull(key);
        requireName(name);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the issuing CA's chain is empty; give it issuing CA first");
        }
        X509Certificate ca = chain.get(0);
        requireCertificateAuthority(ca);
        Parsed<CertifiableKey> publicKey = CertifiableKey.of(SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded()));
        if (!publicKey.isOk()) {
            throw new IllegalArgumentException("the issuing CA's key " + publicKey.problem());
        }
        requireMatchingKey(key, publicKey.value());
        requireOrderedChain(chain);
        return new IssuingAuthority(name, key, chain, publicKey.value());
    }

    /** @throws IllegalArgumentException unless the name is a lower-case label, fit to name the CRL's file */
    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the issuing CA's name must be 1 to 63 lower-case letters, digits and"
                    + " hyphens, starting with a letter or digit: it names the CRL at /crl/{name}.crl");
        }
    }

    private static void requireCertificateAuthority(X509Certificate ca) {
        if (ca.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the issuing CA's certificate is not a CA certificate (its"
                    + " basicConstraints extension does not say CA)");
        }
        boolean[] usage = ca.getKeyUsage();
        if (usage == null || usage.length <= CRL_SIGN || !usage[KEY_CERT_SIGN] || !usage[CRL_SIGN]) {
            throw new IllegalArgumentException("the issuing CA's certificate must allow keyCertSign and cRLSign in"
                    + " its keyUsage extension: it signs certificates and CRLs");
        }
    }

    /** Signs a fixed challenge and verifies it with the certificate's key: works alike for RSA and EC. */
    private static void requireMatchingKey(PrivateKey key, CertifiableKey certified) {
        byte[] challenge = "issuing authority key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(certified.signatureAlgorithm());
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(certified.signatureAlgorithm());
            verifier.initVerify(certified.publicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException mismatch) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the issuing CA's private key does not belong to the first certificate"
                    + " of the chain; give the chain issuing CA first");
        }
    }

    private static void requireOrderedChain(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("certificate " + (i + 1) + " of the issuing CA's chain is not"
                        + " signed by certificate " + (i + 2) + "; give each certificate followed by its issuer");
            }
        }
    }

    public String name() {
        return name;
    }

    /** The issuing CA's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain, the issuing CA first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The chain as PEM, the issuing CA first: what a developer installs beside the certificate. */
    public String chainPem() {
        return chain.stream().map(IssuingAuthority::pem).collect(Collectors.joining());
    }

    /** Where its CRL is published: {@code {publicBaseUrl}/crl/{name}.crl}. */
    public URI crlUrl(URI publicBaseUrl) {
        return crlUrl(publicBaseUrl, name);
    }

    static URI crlUrl(URI publicBaseUrl, String name) {
        String base = publicBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/crl/" + name + ".crl");
    }

    /** The JCA algorithm certificates and CRLs are signed with: SHA-256 with RSA or P-256, SHA-384 with P-384. */
    public String signatureAlgorithm() {
        return publicKey.signatureAlgorithm();
    }

    /** The latest instant its chain is valid until: no certificate it issues outlives it. */
    public Instant notAfter() {
        return chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElseThrow();
    }

    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    X500Name subject() {
        return X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
    }

    /** RFC 5280 §4.2.1.1: the key identifier only, equal to the CA's own subjectKeyIdentifier when it has one. */
    AuthorityKeyIdentifier authorityKeyIdentifier() {
        byte[] extension = certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        try {
            byte[] keyId = extension != null
                    ? SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier()
                    : new JcaX509ExtensionUtils().createSubjectKeyIdentifier(certificate().getPublicKey()).getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is unavailable", e);
        }
    }

    /** Only the profiles of this package sign with the key. */
    ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the issuing CA's key cannot sign with " + signatureAlgorithm());
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return Pem.encode(Pem.CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IssuingAuthority[name=" + name + ", certificate=" + certificate().getSubjectX500Principal().getName()
                + ", key=" + publicKey.description() + " (redacted), chain=" + chain.size() + " certificates]";
    }
}
