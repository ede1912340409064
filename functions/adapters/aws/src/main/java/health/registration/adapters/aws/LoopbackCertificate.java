package health.registration.adapters.aws;

import health.registration.core.certificate.ThrowAwayCertificate;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * A throw-away self-signed certificate for {@code 127.0.0.1} (a P-256 key, ECDSA with SHA-256), made by
 * {@link ThrowAwayCertificate}, for the TLS endpoint of SnapStart priming ({@link LoopbackEndpoint}): the
 * server's key and certificate, and a trust that accepts this certificate and nothing else. Its validity is fixed
 * (2000 to 2049), so no reading of the clock goes into a snapshot; the key lives only as long as this object.
 */
final class LoopbackCertificate {

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
        // subjectAltName: iPAddress 127.0.0.1 (RFC 5280 §4.2.1.6), which HTTPS checks against the URL's host.
        X509Certificate certificate = ThrowAwayCertificate.selfSigned(keys, "SHA256withECDSA", "priming",
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), false);
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
}
