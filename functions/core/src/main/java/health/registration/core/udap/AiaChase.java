package health.registration.core.udap;

import health.registration.core.model.Parsed;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * UDAP DCR §4.2 ("the Authorization Server SHOULD support the X.509 AIA mechanism"): the issuer certificates missing
 * from {@code x5c}, fetched from the caIssuers URLs of Authority Information Access (RFC 5280 §4.2.2.1). From the
 * leaf upward, each certificate's issuer is taken from {@code x5c} or what was already fetched when there, else
 * fetched from the certificate's caIssuers URLs, in order; the chase stops at an issuer that is a trust anchor's
 * subject, at a self-issued certificate, or at a certificate without caIssuers. A fetched certificate is used only
 * when it is a CA certificate (basicConstraints CA, RFC 5280 §4.2.1.9) whose subject is the issuer of the
 * certificate that named it and whose key verifies that certificate's signature; otherwise the chase fails. At most
 * {@link #MAX_FETCHES} URLs are fetched for one statement. Whether the certificates make a trusted path is for the
 * path builder to say.
 */
final class AiaChase {

    /** Most caIssuers URLs fetched for one statement. */
    static final int MAX_FETCHES = 4;

    private static final String PREFIX = "software_statement certificate chain does not lead to a trust anchor of this"
            + " server: ";
    private static final String ADVICE = "; send the intermediates in x5c";
    static final String UNAVAILABLE = PREFIX + "the issuer certificate named in its Authority Information Access"
            + " (caIssuers) could not be fetched" + ADVICE;
    static final String NOT_THE_ISSUER = PREFIX + "the certificate fetched from its Authority Information Access"
            + " (caIssuers) is not the CA certificate that issued the certificate naming it" + ADVICE;
    static final String LOOP = PREFIX + "its Authority Information Access (caIssuers) leads in a loop" + ADVICE;
    static final String TOO_MANY = PREFIX + "more than " + MAX_FETCHES + " issuer certificates would have to be"
            + " fetched through Authority Information Access" + ADVICE;

    /**
     * @param certificates {@code x5c} followed by the certificates fetched, in the order fetched
     * @param fetched      how many certificates were fetched
     */
    record Chased(List<X509Certificate> certificates, int fetched) {}

    private final IssuerCertificateSource source;

    AiaChase(IssuerCertificateSource source) {
        this.source = Objects.requireNonNull(source);
    }

    /** {@code x5c} with the issuer certificates fetched for it, or why the chase failed. */
    Parsed<Chased> chase(List<X509Certificate> x5c, Set<X500Principal> anchorSubjects) {
        List<X509Certificate> pool = new ArrayList<>(x5c);
        Set<X509Certificate> visited = new HashSet<>();
        Set<URI> asked = new HashSet<>();
        X509Certificate current = x5c.get(0);
        while (visited.add(current) && !anchorSubjects.contains(current.getIssuerX500Principal())
                && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            Optional<X509Certificate> held = issuerAmong(pool, current);
            if (held.isPresent()) {
                current = held.get();
                continue;
            }
            List<URI> urls = AuthorityInformationAccess.caIssuers(current);
            if (urls.isEmpty()) {
                break;
            }
            Parsed<X509Certificate> issuer = fetchIssuer(current, urls, asked);
            if (!issuer.isOk()) {
                return Parsed.failure(issuer.problem());
            }
            if (pool.contains(issuer.value())) {
                return Parsed.failure(LOOP);
            }
            pool.add(issuer.value());
            current = issuer.value();
        }
        return Parsed.ok(new Chased(List.copyOf(pool), pool.size() - x5c.size()));
    }

    /** The first caIssuers URL that answers certificates decides: its issuer of {@code subject}, or a failure. */
    private Parsed<X509Certificate> fetchIssuer(X509Certificate subject, List<URI> urls, Set<URI> asked) {
        for (URI url : urls) {
            if (!asked.add(url)) {
                return Parsed.failure(LOOP);
            }
            if (asked.size() > MAX_FETCHES) {
                return Parsed.failure(TOO_MANY);
            }
            List<X509Certificate> answered = source.certificates(url);
            if (!answered.isEmpty()) {
                return answered.stream().filter(candidate -> issued(candidate, subject)).findFirst()
                        .map(Parsed::ok).orElseGet(() -> Parsed.failure(NOT_THE_ISSUER));
            }
        }
        return Parsed.failure(UNAVAILABLE);
    }

    private static Optional<X509Certificate> issuerAmong(List<X509Certificate> pool, X509Certificate subject) {
        return pool.stream().filter(candidate -> candidate != subject && issued(candidate, subject)).findFirst();
    }

    /** RFC 5280 §4.2.1.9 and §6.1.3: a CA certificate whose subject is the issuer and whose key signed the subject. */
    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (issuer.getBasicConstraints() < 0
                || !issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException notItsIssuer) {
            return false;
        }
    }
}
