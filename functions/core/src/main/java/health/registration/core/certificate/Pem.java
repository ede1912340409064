package health.registration.core.certificate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** RFC 7468 text encoding: base64 in lines of 64 characters between BEGIN and END lines. */
final class Pem {

    static final String CERTIFICATE = "CERTIFICATE";
    static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    static final String CRL = "X509 CRL";

    private Pem() {}

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
