package health.registration.local;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A development PKI in the three text formats the service reads from Secrets Manager (docs/deploy.md, "The UDAP and
 * CA secrets"), made in memory and never written to a log:
 * <ul>
 *   <li>{@link #certificateAuthority()}: {@code CERTIFICATE_AUTHORITY_SECRET}, the developer CA's unencrypted PKCS#8
 *       key followed by its certificate (a root: basicConstraints CA, keyUsage keyCertSign and cRLSign, RFC 5280
 *       §4.2.1.9 and §4.2.1.3);</li>
 *   <li>{@link #serverCredentials()}: {@code UDAP_SERVER_CREDENTIALS_SECRET}, the server's RSA key (RS256 needs
 *       RSA of at least 2048 bits, IG STU2 §2.3) followed by its chain, leaf first; the leaf is issued by the CA and
 *       names the FHIR base URL as a SAN URI (IG STU2 §2.3), with the CA's CRL as its distribution point;</li>
 *   <li>{@link #trustAnchors()}: {@code UDAP_TRUST_ANCHORS_SECRET}, the CA's certificate after a
 *       {@code community:} line, so certificates the service issues from it register through UDAP.</li>
 * </ul>
 * For development and test stacks only: a real deployment takes the server's certificate and the anchors from its
 * trust community's CA.
 */
public final class DevelopmentPki {

    /** What the service signs with: RSA 2048 for RS256 (IG STU2 §2.3), SHA-256 throughout. */
    private static final int RSA_BITS = 2048;
    private static final String SIGNATURE = "SHA256withRSA";
    private static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(365);
    /** A little before now, so a clock a minute behind still finds the certificates valid. */
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final String certificateAuthority;
    private final String serverCredentials;
    private final String trustAnchors;

    private DevelopmentPki(String certificateAuthority, String serverCredentials, String trustAnchors) {
        this.certificateAuthority = certificateAuthority;
        this.serverCredentials = serverCredentials;
        this.trustAnchors = trustAnchors;
    }

    /**
     * @param fhirBaseUrl the FHIR base URL, the server certificate's SAN URI ({@code FHIR_BASE_URL}, or
     *                    {@code PUBLIC_BASE_URL} when that is unset)
     * @param crlUrl      where the CA's CRL is published: {@code PUBLIC_BASE_URL/crl/<name>.crl}
     * @param community   the trust community URI the CA is the anchor of
     */
    public static DevelopmentPki make(URI fhirBaseUrl, URI crlUrl, String community, Instant now)
            throws GeneralSecurityException {
        Objects.requireNonNull(fhirBaseUrl);
        Objects.requireNonNull(crlUrl);
        Objects.requireNonNull(community);
        SecureRandom random = new SecureRandom();
        KeyPair caKeys = rsa(random);
        X500Name caName = new X500Name("CN=FHIR client registration development CA, O=Development only");
        X509Certificate ca = sign(caKeys, caName, caKeys, caName, now, CA_VALIDITY, random, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                    | KeyUsage.digitalSignature));
        });
        KeyPair serverKeys = rsa(random);
        X509Certificate server = sign(caKeys, caName, serverKeys,
                new X500Name("CN=" + fhirBaseUrl.getHost() + ", O=Development only"), now, SERVER_VALIDITY, random,
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                                    fhirBaseUrl.toString())));
                    builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                            new DistributionPoint[] {new DistributionPoint(new DistributionPointName(
                                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                                            crlUrl.toString()))), null, null)}));
                });
        String caCertificate = pem(ca);
        return new DevelopmentPki(
                privateKeyPem(caKeys) + caCertificate,
                privateKeyPem(serverKeys) + pem(server) + caCertificate,
                "community: " + community + "\n" + caCertificate);
    }

    /** The CA's key (PKCS#8) and certificate: the text of {@code CERTIFICATE_AUTHORITY_SECRET}. */
    public String certificateAuthority() {
        return certificateAuthority;
    }

    /** The server's key (PKCS#8) and chain, leaf first: the text of {@code UDAP_SERVER_CREDENTIALS_SECRET}. */
    public String serverCredentials() {
        return serverCredentials;
    }

    /** The CA's certificate as the anchor of its community: the text of {@code UDAP_TRUST_ANCHORS_SECRET}. */
    public String trustAnchors() {
        return trustAnchors;
    }

    @Override
    public String toString() {
        return "DevelopmentPki[keys not shown]";
    }

    @FunctionalInterface
    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException, GeneralSecurityException;
    }

    private static KeyPair rsa(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_BITS, random);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(KeyPair issuerKeys, X500Name issuer, KeyPair subjectKeys, X500Name subject,
            Instant now, Duration validity, SecureRandom random, Extensions extensions)
            throws GeneralSecurityException {
        Instant notBefore = now.minus(BACKDATE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).add(
                BigInteger.ONE), Date.from(notBefore), Date.from(now.plus(validity)), subject, subjectKeys.getPublic());
        try {
            JcaX509ExtensionUtils utilities = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utilities.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utilities.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("making a development certificate failed: " + e.getClass().getSimpleName());
        }
    }

    private static String privateKeyPem(KeyPair keys) {
        return write(new PemObject("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
    }

    private static String write(PemObject block) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(block);
        } catch (IOException impossible) {
            throw new IllegalStateException("a PEM block could not be written to a string");
        }
        return text.toString();
    }
}
