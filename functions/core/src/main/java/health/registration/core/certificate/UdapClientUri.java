package health.registration.core.certificate;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.DomainName;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.Parsed;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Subject Alternative Name URI of a developer certificate: the app's unique client URI, which its software
 * statements send as {@code iss} (IG STU2 registration §3.1: iss "SHALL match the value of a uniformResourceIdentifier
 * entry in the Subject Alternative Name extension" and "SHALL uniquely identify a single client app operator and
 * application over time"). Checked as written, since iss is compared as a case-sensitive string (IG STU2 §7.1.5):
 * <ul>
 *   <li>an absolute {@code https} URL (lower-case scheme), without user information or fragment, on a public DNS
 *       name, within the policy's URL limits (section 8);</li>
 *   <li>its host is the host of the metadata's {@code client_uri} (case and a trailing dot aside): the only name the
 *       review saw answering for the app, so the certificate binds no name the review did not probe;</li>
 *   <li>when the request asks for Subject Alternative Names, exactly this URI and nothing else.</li>
 * </ul>
 */
final class UdapClientUri {

    private static final String FIELD = "/" + CertificateRequest.SAN_URI;
    private static final String CSR_FIELD = "/" + CertificateRequest.CSR;

    private UdapClientUri() {}

    /** Every problem with the URI and with what the request asks for; the CSR is null when it was unreadable. */
    static List<Violation> problems(String sanUri, ClientMetadata metadata, CertificateSigningRequest csr) {
        List<Violation> found = new ArrayList<>();
        if (sanUri == null || sanUri.isEmpty()) {
            found.add(error(FIELD, "san_uri is required: the app's unique https client URI, which its software"
                    + " statements will send as iss"));
        } else {
            syntaxProblem(sanUri).ifPresent(problem -> found.add(error(FIELD, "san_uri " + problem)));
            if (found.isEmpty()) {
                hostProblem(sanUri, metadata).ifPresent(problem -> found.add(error(FIELD, problem)));
            }
        }
        boolean comparable = csr != null && sanUri != null && !sanUri.isEmpty();
        if (comparable && csr.requestsNames()
                && (csr.requestsOtherNames() || !csr.requestedSanUris().equals(List.of(sanUri)))) {
            found.add(error(CSR_FIELD, "csr asks for Subject Alternative Names other than exactly san_uri; request"
                    + " no Subject Alternative Name, or only san_uri as a URI"));
        }
        return found;
    }

    /** The URI alone: required, and an https URL on a public DNS name (what a challenge can be issued for). */
    static List<Violation> uriProblems(String sanUri) {
        if (sanUri == null || sanUri.isEmpty()) {
            return List.of(error(FIELD, "san_uri is required: the app's unique https client URI, which its software"
                    + " statements will send as iss"));
        }
        return syntaxProblem(sanUri).map(problem -> List.of(error(FIELD, "san_uri " + problem))).orElse(List.of());
    }

    /** The URI's host, lower case and without a trailing dot; only for a URI without {@link #uriProblems}. */
    static String hostOf(String sanUri) {
        return host(WebUrl.parse(sanUri).value().host());
    }

    private static Optional<String> syntaxProblem(String text) {
        Parsed<WebUrl> parsed = WebUrl.parse(text);
        if (!parsed.isOk()) {
            return Optional.of(parsed.problem());
        }
        WebUrl url = parsed.value();
        if (!url.scheme().equals("https")) {
            return Optional.of("must use the https scheme, written in lower case");
        }
        if (url.userInfo() != null) {
            return Optional.of("must not contain user information (user@ or user:password@)");
        }
        if (url.fragment() != null) {
            return Optional.of("must not contain a fragment (#...)");
        }
        if (url.port() != null && url.port().isEmpty()) {
            return Optional.of("must not end its host with a bare ':'");
        }
        if (url.hasIpLiteralHost() || !DomainName.parse(url.host()).isOk()) {
            return Optional.of("must name a public DNS host, not an address or a local name");
        }
        return Optional.empty();
    }

    /** Empty when client_uri is unusable: the policy reports that, and the request is refused for it. */
    private static Optional<String> hostProblem(String sanUri, ClientMetadata metadata) {
        Optional<String> clientHost = Optional.ofNullable(metadata)
                .flatMap(m -> m.text(MetadataMember.CLIENT_URI))
                .flatMap(uri -> WebUrl.parse(uri).toOptional())
                .map(url -> host(url.host()));
        String sanHost = host(WebUrl.parse(sanUri).value().host());
        if (clientHost.isPresent() && !clientHost.get().equals(sanHost)) {
            return Optional.of("san_uri must be on the host of the metadata's client_uri, which the review confirms"
                    + " answers for the app; use a client URI under that host");
        }
        return Optional.empty();
    }

    private static String host(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Violation error(String field, String description) {
        return Violation.error(field, RegistrationErrorCode.INVALID_REQUEST, description);
    }
}
