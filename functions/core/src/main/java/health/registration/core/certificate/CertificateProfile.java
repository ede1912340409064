package health.registration.core.certificate;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * The profile of a developer certificate (RFC 5280 §4; docs/api/certificates.md, "2. The certificate": key usage and
 * extended key usage fit for client authentication, validity from configuration, a CRL distribution point):
 * <ul>
 *   <li>X.509 v3, a random positive serial of at most 159 bits ({@link CertificateSerial});</li>
 *   <li>subject {@code CN=<client_name>}, trimmed and cut to 64 characters (RFC 5280 ub-common-name), written as a
 *       UTF8String attribute value and never parsed from a DN string, so no character of the name is syntax;</li>
 *   <li>Subject Alternative Name: the one client URI (UDAP's iss); keyUsage digitalSignature, critical;
 *       extendedKeyUsage clientAuth; basicConstraints CA=false, critical; subject and authority key identifiers;
 *       the CRL distribution point {@code {publicBaseUrl}/crl/{ca}.crl};</li>
 *   <li>valid from five minutes ago (clock skew of relying parties) for the configured validity, never before the
 *       issuing CA's notBefore nor after the end of its chain.</li>
 * </ul>
 */
final class CertificateProfile {

    /** Relying parties whose clocks run a little behind still accept a certificate issued just now. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** RFC 5280 Appendix A.1: ub-common-name. */
    static final int MAX_COMMON_NAME = 64;

    private final IssuingAuthority authority;
    private final Duration validity;
    private final URI crlUrl;

    CertificateProfile(IssuingAuthority authority, CertificateAuthoritySettings settings) {
        this.authority = authority;
        this.validity = settings.validity();
        this.crlUrl = authority.crlUrl(settings.publicBaseUrl());
    }

    /**
     * Signs a certificate for the key.
     *
     * @throws IllegalStateException when the issuing CA is not valid at {@code now}
     */
    X509Certificate issue(SubjectPublicKeyInfo key, String clientName, String sanUri, BigInteger serial, Instant now) {
        Instant notBefore = latest(now.minus(BACKDATE), authority.notBefore()).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = earliest(now.plus(validity), authority.notAfter()).truncatedTo(ChronoUnit.SECONDS);
        if (now.isBefore(authority.notBefore()) || !notAfter.isAfter(now)) {
            throw new IllegalStateException("the issuing CA " + authority.name() + " is not valid now; it cannot issue");
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(authority.subject(), serial,
                Date.from(notBefore), Date.from(notAfter), subject(clientName), key);
        add(builder, Extension.basicConstraints, true, new BasicConstraints(false));
        add(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        add(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        add(builder, Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        add(builder, Extension.subjectKeyIdentifier, false, new BcX509ExtensionUtils().createSubjectKeyIdentifier(key));
        add(builder, Extension.authorityKeyIdentifier, false, authority.authorityKeyIdentifier());
        add(builder, Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl.toString()))), null, null)}));
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(authority.signer()));
            certificate.verify(authority.certificate().getPublicKey());
            return certificate;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the issuing CA " + authority.name() + " signed a certificate that does"
                    + " not verify with its own certificate", e);
        }
    }

    /** {@code CN=<name>}: a single RDN whose value is the name itself, never a string the DN syntax reads. */
    static X500Name subject(String clientName) {
        String name = clientName.strip();
        if (name.codePointCount(0, name.length()) > MAX_COMMON_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_COMMON_NAME)).strip();
        }
        return new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(name))});
    }

    private static void add(X509v3CertificateBuilder builder, ASN1ObjectIdentifier oid, boolean critical,
            ASN1Encodable value) {
        try {
            builder.addExtension(oid, critical, value);
        } catch (CertIOException e) {
            throw new IllegalStateException("extension " + oid + " cannot be encoded", e);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
