package health.registration.core.certificate;

import health.registration.core.model.PemBlocks;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;

/**
 * Reads the PEM texts of an {@link IssuingAuthority}: the key text holds one unencrypted private key (PKCS#8
 * {@code PRIVATE KEY}, or OpenSSL's {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}); the chain text holds
 * {@code CERTIFICATE} blocks. Each reader skips the other's blocks, so both may come from one secret; any other block
 * is refused. No message ever repeats key material, and no parser exception reaches a caller with the key text.
 */
final class IssuingAuthorityPem {

    private IssuingAuthorityPem() {}

    static PrivateKey key(String pem) {
        List<PrivateKey> keys = new ArrayList<>();
        for (Object block : blocks(pem, "the issuing CA's key text")) {
            if (block instanceof PrivateKeyInfo info) {
                keys.add(privateKey(info));
            } else if (block instanceof PEMKeyPair pair) {
                keys.add(privateKey(pair.getPrivateKeyInfo()));
            } else if (!(block instanceof X509CertificateHolder)) {
                throw new IllegalArgumentException("the issuing CA's key text holds a " + kind(block) + "; give one"
                        + " unencrypted -----BEGIN PRIVATE KEY----- block (the secret store protects it)");
            }
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("the issuing CA's key text must hold exactly one private key; it holds "
                    + keys.size());
        }
        return keys.get(0);
    }

    static List<X509Certificate> chain(String pem) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object block : blocks(pem, "the issuing CA's certificate chain")) {
            if (block instanceof X509CertificateHolder holder) {
                chain.add(certificate(holder, chain.size() + 1));
            } else if (!(block instanceof PrivateKeyInfo) && !(block instanceof PEMKeyPair)) {
                throw new IllegalArgumentException("the issuing CA's certificate chain holds a " + kind(block)
                        + "; give -----BEGIN CERTIFICATE----- blocks, the issuing CA first");
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the issuing CA's certificate chain holds no certificate");
        }
        return chain;
    }

    /** Each block as {@link PemBlocks}' PEMParser reads it; a block it cannot read makes the text not well-formed. */
    private static List<Object> blocks(String pem, String what) {
        List<Object> blocks = new ArrayList<>();
        try {
            for (PemBlocks.Block block : PemBlocks.read(pem)) {
                blocks.add(block.parsed());
            }
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(what + " is not well-formed PEM");
        }
        return blocks;
    }

    /** With the JDK's key factories by their JDK names (BouncyCastle's converter asks for "ECDSA", which it lacks). */
    private static PrivateKey privateKey(PrivateKeyInfo info) {
        ASN1ObjectIdentifier type = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = type.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : type.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : null;
        if (algorithm == null) {
            throw unreadableKey();
        }
        if (algorithm.equals("EC") && info.getPrivateKeyAlgorithm().getParameters() == null) {
            throw new IllegalArgumentException("the issuing CA's EC PRIVATE KEY block does not name its curve;"
                    + " convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException | RuntimeException unsupported) {
            throw unreadableKey();
        }
    }

    private static IllegalArgumentException unreadableKey() {
        return new IllegalArgumentException("the issuing CA's private key is not an RSA or EC key the JDK reads");
    }

    private static X509Certificate certificate(X509CertificateHolder holder, int position) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate " + position + " of the issuing CA's chain is not a DER"
                    + " X.509 certificate", e);
        }
    }

    private static String kind(Object block) {
        String name = block.getClass().getSimpleName();
        return name.contains("Encrypted") ? "an encrypted key, which is not supported" : "block of type " + name;
    }
}
