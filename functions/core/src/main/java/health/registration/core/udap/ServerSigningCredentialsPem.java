package health.registration.core.udap;

import health.registration.core.model.PemBlocks;
import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the PEM text of {@link ServerSigningCredentials}: exactly one unencrypted PKCS#8 {@code PRIVATE KEY} block and
 * one or more {@code CERTIFICATE} blocks, in the order given (RFC 7468 §10 and §5), read by {@link PemBlocks}. Text
 * outside the blocks is ignored, as RFC 7468 §5.2 allows explanatory text; any other block label is refused by name.
 * No message ever repeats key material.
 */
final class ServerSigningCredentialsPem {

    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String CERTIFICATE = "CERTIFICATE";

    /** What the text holds: the key and the certificates, in order. */
    record Contents(PrivateKey key, List<X509Certificate> chain) {}

    private ServerSigningCredentialsPem() {}

    static Contents read(String pem) {
        List<PemBlocks.Block> blocks;
        try {
            blocks = PemBlocks.read(pem);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the server credentials have a PEM block without a matching END line"
                    + " or whose body is not base64");
        }
        PrivateKey key = null;
        List<X509Certificate> chain = new ArrayList<>();
        for (PemBlocks.Block block : blocks) {
            refuseUnsupported(block.label());
            if (block.label().equals(CERTIFICATE)) {
                chain.add(certificate(block.der(), chain.size() + 1));
            } else if (key != null) {
                throw new IllegalArgumentException("the server credentials hold more than one PRIVATE KEY block");
            } else {
                key = privateKey(block.der());
            }
        }
        return complete(key, chain);
    }

    /** Both parts are there: a key and at least one certificate. */
    private static Contents complete(PrivateKey key, List<X509Certificate> chain) {
        if (key == null) {
            throw new IllegalArgumentException("the server credentials hold no PKCS#8 private key"
                    + " (-----BEGIN PRIVATE KEY-----)");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the server credentials hold no certificate"
                    + " (-----BEGIN CERTIFICATE-----); give the chain, leaf first");
        }
        return new Contents(key, chain);
    }

    /** Only unencrypted PKCS#8 keys and certificates; other forms get a sentence saying how to convert them. */
    private static void refuseUnsupported(String label) {
        if (label.equals(PRIVATE_KEY) || label.equals(CERTIFICATE)) {
            return;
        }
        String advice = switch (label) {
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> " is not PKCS#8; convert it with"
                    + " openssl pkcs8 -topk8 -nocrypt and give the -----BEGIN PRIVATE KEY----- block";
            case "ENCRYPTED PRIVATE KEY" -> " is encrypted; the secret store protects the key, so give it"
                    + " unencrypted as -----BEGIN PRIVATE KEY----- (openssl pkcs8 -topk8 -nocrypt)";
            default -> " is not supported; give one -----BEGIN PRIVATE KEY----- block (PKCS#8) and the"
                    + " -----BEGIN CERTIFICATE----- blocks of the chain";
        };
        throw new IllegalArgumentException("the server credentials' " + label + " block" + advice);
    }

    /** The key as the JDK reads it; the algorithm is judged by the caller. */
    private static PrivateKey privateKey(byte[] der) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // try the next algorithm; no cause is kept, so no key bytes can reach a message
            }
        }
        throw new IllegalArgumentException("the server credentials' PRIVATE KEY block is not a PKCS#8 RSA key");
    }

    private static X509Certificate certificate(byte[] der, int position) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            // The JDK tolerates trailing bytes: only the exact DER is an x5c entry (IG STU2 general §7.1.3).
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("not exactly one DER certificate");
            }
            return certificate;
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("certificate " + position + " of the server credentials is not a DER"
                    + " X.509 certificate", e);
        }
    }
}
