package health.registration.core.certificate;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;

/**
 * The profile of the authority's CRL (RFC 5280 §5): a complete v2 CRL issued by the issuing CA itself, thisUpdate
 * now and nextUpdate after the configured validity (§5.1.2.5: conforming CRL issuers MUST include it), one entry per
 * revoked certificate with its revocation date and, unless unspecified, its reasonCode (§5.3.1: unspecified SHOULD
 * be absent), and the authorityKeyIdentifier and cRLNumber extensions (§5.2.1, §5.2.3: both MUST be included).
 */
final class CrlProfile {

    private final IssuingAuthority authority;
    private final Duration validity;

    CrlProfile(IssuingAuthority authority, CertificateAuthoritySettings settings) {
        this.authority = authority;
        this.validity = settings.crlValidity();
    }

    CrlDocument sign(BigInteger number, List<RevokedCertificate> revoked, Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = thisUpdate.plus(validity);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(authority.subject(), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (RevokedCertificate entry : revoked) {
            Date at = Date.from(entry.revokedAt().truncatedTo(ChronoUnit.SECONDS));
            if (entry.reason() == RevocationReason.UNSPECIFIED) {
                builder.addCRLEntry(entry.serialNumber(), at, (Extensions) null);
            } else {
                builder.addCRLEntry(entry.serialNumber(), at, entry.reason().crlReason());
            }
        }
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false, authority.authorityKeyIdentifier());
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(authority.signer()));
            crl.verify(authority.certificate().getPublicKey());
            return new CrlDocument(number, thisUpdate, nextUpdate, crl.getEncoded());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("the issuing CA " + authority.name() + " cannot sign its CRL", e);
        }
    }
}
