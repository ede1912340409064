package health.registration.adapters.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities the prober trusts (docs/security.md, "TLS"): the JDK's default trust anchors, plus,
 * when the {@code PROBE_TRUSTED_CA_FILE} test seam names a PEM file, every certificate in it (docs/security.md,
 * "Testing without weakening the guard" item 6). The managers are the JDK's own PKIX ones, so chain building, validity
 * dates and key usage are checked as for any TLS client; nothing here ever trusts everything.
 */
public final class TrustedCertificates {

    private TrustedCertificates() {}

    /** The JDK's default trust anchors: the production trust. */
    public static X509TrustManager platform() {
        return managerFor(null);
    }

    /**
     * The JDK's default trust anchors and every certificate in a PEM file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no certificate, or something that is not one
     */
    public static X509TrustManager platformAnd(Path pemFile) throws IOException {
        return platformAnd(readPem(pemFile));
    }

    static X509TrustManager platformAnd(Collection<X509Certificate> extra) {
        List<X509Certificate> anchors = new ArrayList<>(List.of(platform().getAcceptedIssuers()));
        anchors.addAll(extra);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return managerFor(store);
        } catch (GeneralSecurityException | IOException storeFailure) {
            throw new IllegalStateException("the trust store could not be built", storeFailure);
        }
    }

    private static List<X509Certificate> readPem(Path pemFile) throws IOException {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(pemFile)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException malformed) {
            throw new IllegalArgumentException(pemFile + " is not a PEM file of X.509 certificates", malformed);
        }
        if (read.isEmpty()) {
            throw new IllegalArgumentException(pemFile + " holds no certificate");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    private static X509TrustManager managerFor(KeyStore anchorsOrDefault) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchorsOrDefault);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
        } catch (GeneralSecurityException jdkFailure) {
            throw new IllegalStateException("the JDK trust managers are unavailable", jdkFailure);
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}
