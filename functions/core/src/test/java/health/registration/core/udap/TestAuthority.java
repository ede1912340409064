package health.registration.core.udap;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certification authority built with BouncyCastle (no provider is registered; the JDK's do the
 * cryptography): issues CA and leaf certificates and signs CRLs. Each CA publishes its CRL at {@link #crlUrl()}, which
 * the certificates it issues name as their CRL distribution point unless told otherwise; a CA made
 * {@link #publishingCertificateAt} a URL names that URL as caIssuers in the Authority Information Access of the
 * certificates it issues (RFC 5280 §4.2.2.1).
 */
public final class TestAuthority {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final TestCredential credential;
    private final String crlUrl;
    private final String certificateUrl;

    private TestAuthority(TestCredential credential, String crlUrl) {
        this(credential, crlUrl, null);
    }

    private TestAuthority(TestCredential credential, String crlUrl, String certificateUrl) {
        this.credential = credential;
        this.crlUrl = crlUrl;
        this.certificateUrl = certificateUrl;
    }

    /** The same CA, naming {@code url} as caIssuers in the Authority Information Access of what it issues from now. */
    public TestAuthority publishingCertificateAt(String url) {
        return new TestAuthority(credential, crlUrl, url);
    }

    /** A self-signed root CA. */
    public static TestAuthority root(String commonName, KeyPair keys, Instant notBefore, Instant notAfter, String crlUrl) {
        X500Principal name = new X500Principal("CN=" + commonName + ", O=Test PKI");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(notAfter), name, keys.getPublic());
        caExtensions(builder, keys.getPublic(), keys.getPublic());
        return new TestAuthority(new TestCredential(sign(builder, keys.getPrivate()), keys), crlUrl);
    }

    /** An intermediate CA issued by this one, naming this CA's CRL as its distribution point. */
    public TestAuthority subordinate(String commonName, KeyPair keys, Instant notBefore, Instant notAfter, String itsCrlUrl) {
        X509v3CertificateBuilder builder = builder("CN=" + commonName + ", O=Test PKI", keys.getPublic(), notBefore, notAfter);
        caExtensions(builder, keys.getPublic(), credential.keys().getPublic());
        addExtension(builder, Extension.cRLDistributionPoints, false, distributionPoints(List.of(crlUrl)));
        addAuthorityInformationAccess(builder);
        return new TestAuthority(new TestCredential(sign(builder, credential.privateKey()), keys), itsCrlUrl);
    }

    /** A leaf certificate for digital signatures, issued by this CA. */
    public TestCredential issue(LeafSpec spec) {
        return issue(spec, KeyUsage.digitalSignature);
    }

    /** A leaf certificate with the given keyUsage bits (BouncyCastle's {@link KeyUsage} constants), or none when null. */
    public TestCredential issue(LeafSpec spec, Integer keyUsage) {
        X509v3CertificateBuilder builder = builder("CN=" + spec.commonName() + ", O=Test Client", spec.keys().getPublic(),
                spec.notBefore(), spec.notAfter());
        addKeyIdentifiers(builder, spec.keys().getPublic(), credential.keys().getPublic());
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        if (keyUsage != null) {
            addExtension(builder, Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (!spec.sanUris().isEmpty()) {
            GeneralName[] names = spec.sanUris().stream()
                    .map(uri -> new GeneralName(GeneralName.uniformResourceIdentifier, uri)).toArray(GeneralName[]::new);
            addExtension(builder, Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        if (!spec.crlDistributionPoints().isEmpty()) {
            addExtension(builder, Extension.cRLDistributionPoints, false, distributionPoints(spec.crlDistributionPoints()));
        }
        addAuthorityInformationAccess(builder);
        return new TestCredential(sign(builder, credential.privateKey()), spec.keys());
    }

    /** A CRL of this CA listing the given certificates as revoked (none: an empty CRL); no nextUpdate when null. */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate().getSubjectX500Principal(), Date.from(thisUpdate));
        if (nextUpdate != null) {
            builder.setNextUpdate(Date.from(nextUpdate));
        }
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(credential.keys().getPublic()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(serial()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(credential.privateKey())));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return credential.certificate();
    }

    public TestCredential credential() {
        return credential;
    }

    /** Where this CA publishes its CRL. */
    public String crlUrl() {
        return crlUrl;
    }

    private X509v3CertificateBuilder builder(String subject, PublicKey key, Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(certificate(), serial(), Date.from(notBefore), Date.from(notAfter),
                new X500Principal(subject), key);
    }

    private static void caExtensions(X509v3CertificateBuilder builder, PublicKey subject, PublicKey issuer) {
        addKeyIdentifiers(builder, subject, issuer);
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }

    private static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subject, PublicKey issuer) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            addExtension(builder, Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subject));
            addExtension(builder, Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addAuthorityInformationAccess(X509v3CertificateBuilder builder) {
        if (certificateUrl != null) {
            addExtension(builder, Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, certificateUrl)));
        }
    }

    private static CRLDistPoint distributionPoints(List<String> urls) {
        DistributionPoint[] points = urls.stream().map(url -> new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null))
                .toArray(DistributionPoint[]::new);
        return new CRLDistPoint(points);
    }

    private static void addExtension(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
            ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder(key instanceof RSAKey ? "SHA256withRSA" : "SHA256withECDSA").build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }
}
