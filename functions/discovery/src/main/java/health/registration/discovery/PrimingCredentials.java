package health.registration.discovery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Throw-away UDAP server credentials for SnapStart priming, made in the process and never stored: a fresh 2048-bit
 * RSA key (signed_metadata is RS256, IG STU2 §2.3) and a self-signed CA certificate for it, made with the JDK alone
 * (RFC 5280 §4.1, DER as X.690 specifies), whose Subject Alternative Name URI is the FHIR base URL (the {@code iss}
 * of signed_metadata, §2.3); the certificate is also the one trust anchor, of {@link #COMMUNITY}. Its validity is
 * fixed (2000 to 2049), so no reading of the clock goes into it; it signs nothing but priming's document.
 */
record PrimingCredentials(String credentialsPem, String anchorsPem) {

    /** The community priming's trust anchor belongs to (IG STU2 §2.4). */
    static final String COMMUNITY = "urn:example:priming";

    private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01,
            0x0B};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] BASIC_CONSTRAINTS = {0x55, 0x1D, 0x13};
    private static final byte[] KEY_USAGE = {0x55, 0x1D, 0x0F};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};
    private static final byte[] TRUE = {(byte) 0xFF};

    /** @param fhirBase the FHIR base URL, the SAN URI of the certificate */
    static PrimingCredentials forBaseUrl(String fhirBase) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        byte[] algorithm = der(0x30, der(0x06, SHA256_WITH_RSA), der(0x05));
        byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, COMMON_NAME),
                der(0x0C, ascii("discovery priming")))));
        byte[] validity = der(0x30, der(0x17, ascii("000101000000Z")), der(0x17, ascii("491231235959Z")));
        // A CA certificate (the anchors hold CA certificates only) whose key signs (RFC 5280 §4.2.1.9, §4.2.1.3:
        // digitalSignature, keyCertSign, cRLSign), naming the FHIR base URL as a uniformResourceIdentifier (§4.2.1.6).
        byte[] extensions = der(0xA3, der(0x30,
                der(0x30, der(0x06, BASIC_CONSTRAINTS), der(0x01, TRUE), der(0x04, der(0x30, der(0x01, TRUE)))),
                der(0x30, der(0x06, KEY_USAGE), der(0x01, TRUE), der(0x04, der(0x03, new byte[] {1, (byte) 0x86}))),
                der(0x30, der(0x06, SUBJECT_ALT_NAME), der(0x04, der(0x30, der(0x86, ascii(fhirBase)))))));
        byte[] toBeSigned = der(0x30, der(0xA0, der(0x02, new byte[] {2})), der(0x02, new byte[] {1}), algorithm,
                name, validity, name, keys.getPublic().getEncoded(), extensions);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] encoded = der(0x30, toBeSigned, algorithm, der(0x03, bits));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** One DER element (X.690 §8.1): tag, definite length, then the contents in order. */
    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : contents) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = body.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
