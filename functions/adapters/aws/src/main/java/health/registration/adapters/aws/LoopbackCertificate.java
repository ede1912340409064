package health.registration.adapters.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for {@code 127.0.0.1} (a P-256 key, ECDSA with SHA-256), made with the JDK alone
 * (RFC 5280 §4.1, DER as X.690 specifies), for the TLS endpoint of SnapStart priming ({@link LoopbackEndpoint}): the
 * server's key and certificate, and a trust that accepts this certificate and nothing else. Its validity is fixed
 * (2000 to 2049), so no reading of the clock goes into a snapshot; the key lives only as long as this object.
 */
final class LoopbackCertificate {

    private static final byte[] ECDSA_WITH_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final KeyPair keys;
    private final X509Certificate certificate;

    private LoopbackCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static LoopbackCertificate create() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] algorithm = der(0x30, der(0x06, ECDSA_WITH_SHA256));
        byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, COMMON_NAME),
                der(0x0C, "priming".getBytes(StandardCharsets.US_ASCII)))));
        byte[] validity = der(0x30, der(0x17, ascii("000101000000Z")), der(0x17, ascii("491231235959Z")));
        // subjectAltName: iPAddress 127.0.0.1 (RFC 5280 §4.2.1.6), which HTTPS checks against the URL's host.
        byte[] extensions = der(0xA3, der(0x30, der(0x30, der(0x06, SUBJECT_ALT_NAME),
                der(0x04, der(0x30, der(0x87, LOOPBACK))))));
        byte[] toBeSigned = der(0x30, der(0xA0, der(0x02, new byte[] {2})), der(0x02, new byte[] {1}), algorithm,
                name, validity, name, keys.getPublic().getEncoded(), extensions);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(toBeSigned);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] encoded = der(0x30, toBeSigned, algorithm, der(0x03, bits));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
        return new LoopbackCertificate(keys, certificate);
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The server side: this certificate and its key. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        char[] password = new char[0];
        store.setKeyEntry("priming", keys.getPrivate(), password, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** The client side: the JDK's PKIX trust managers with this certificate as the one anchor. */
    TrustManager[] trust() throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("priming", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException impossible) {
            throw new GeneralSecurityException(impossible);
        }
        return store;
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
