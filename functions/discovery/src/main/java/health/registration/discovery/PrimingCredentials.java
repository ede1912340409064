package health.registration.discovery;

import health.registration.core.certificate.ThrowAwayCertificate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Throw-away UDAP server credentials for SnapStart priming, made in the process and never stored: a fresh 2048-bit
 * RSA key (signed_metadata is RS256, IG STU2 §2.3) and a self-signed CA certificate for it, made by
 * {@link ThrowAwayCertificate}, whose Subject Alternative Name URI is the FHIR base URL (the {@code iss}
 * of signed_metadata, §2.3); the certificate is also the one trust anchor, of {@link #COMMUNITY}. Its validity is
 * fixed (2000 to 2049), so no reading of the clock goes into it; it signs nothing but priming's document.
 */
record PrimingCredentials(String credentialsPem, String anchorsPem) {

    /** The community priming's trust anchor belongs to (IG STU2 §2.4). */
    static final String COMMUNITY = "urn:example:priming";

    /** @param fhirBase the FHIR base URL, the SAN URI of the certificate */
    static PrimingCredentials forBaseUrl(String fhirBase) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        // A CA certificate (the anchors hold CA certificates only) whose key signs, naming the FHIR base URL as a
        // uniformResourceIdentifier (RFC 5280 §4.2.1.6).
        X509Certificate certificate = ThrowAwayCertificate.selfSigned(keys, "SHA256withRSA", "discovery priming",
                new GeneralName(GeneralName.uniformResourceIdentifier, fhirBase), true);
        String certificatePem = pem("CERTIFICATE", certificate.getEncoded());
        return new PrimingCredentials(pem("PRIVATE KEY", keys.getPrivate().getEncoded()) + certificatePem,
                "community: " + COMMUNITY + "\n" + certificatePem);
    }

    /** Never the key: a record's own {@code toString} would print it. */
    @Override
    public String toString() {
        return "PrimingCredentials[throw-away]";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
