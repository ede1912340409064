package health.registration.core.udap;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The subjectAltName entries of a certificate that UDAP reads: its URIs (the {@code iss} of what it signs). */
final class SubjectAlternativeNames {

    /** GeneralName's tag for a uniformResourceIdentifier (RFC 5280 §4.2.1.6). */
    private static final int URI_NAME = 6;

    private SubjectAlternativeNames() {}

    /** The certificate's SAN URIs in order; none when it has no SAN extension or the extension is malformed. */
    static List<String> uris(X509Certificate certificate) {
        List<String> uris = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (name.get(0) instanceof Integer tag && tag == URI_NAME && name.get(1) instanceof String uri) {
                        uris.add(uri);
                    }
                }
            }
        } catch (CertificateParsingException malformed) {
            return List.of();
        }
        return uris;
    }
}
