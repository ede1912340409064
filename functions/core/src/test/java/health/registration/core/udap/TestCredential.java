package health.registration.core.udap;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A test certificate with its key pair.
 *
 * @param certificate the certificate
 * @param keys        the key pair whose public key the certificate holds
 */
public record TestCredential(X509Certificate certificate, KeyPair keys) {

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }
}
