package health.registration.core.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for SnapStart priming, made in the process with BouncyCastle's builder and never stored:
 * priming's TLS endpoints and discovery's throw-away UDAP credentials. Its validity is fixed (2000 to 2049) and its
 * serial is 1, so no reading of the clock and no random value but the caller's key goes into a snapshot.
 */
public final class ThrowAwayCertificate {

    private static final Date NOT_BEFORE = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Date NOT_AFTER = Date.from(Instant.parse("2049-12-31T23:59:59Z"));

    private ThrowAwayCertificate() {}

    /**
     * @param keys         the certificate's key pair, which also signs it
     * @param algorithm    the JCA signature algorithm, such as {@code SHA256withECDSA} or {@code SHA256withRSA}
     * @param commonName   the subject's (and issuer's) CN
     * @param name         its one Subject Alternative Name (RFC 5280 §4.2.1.6)
     * @param authority    whether it is a CA certificate whose key signs (basicConstraints CA, keyUsage
     *                     digitalSignature, keyCertSign, cRLSign), as a trust anchor must be; else no extension but the
     *                     name
     */
    public static X509Certificate selfSigned(KeyPair keys, String algorithm, String commonName, GeneralName name,
            boolean authority) throws GeneralSecurityException {
        X500Name subject = new X500Name("CN=" + commonName);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, NOT_BEFORE,
                NOT_AFTER, subject, keys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            if (authority) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            throw new GeneralSecurityException("making a throw-away certificate failed: " + e.getClass().getSimpleName());
        }
    }
}
