package health.registration.core.certificate;

import health.registration.core.issue.RegistrationReview;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.ProbeReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a developer certificate may be issued (docs/api/certificates.md, "2. The certificate"): the request ({@link
 * CertificateSigningRequest}), the client URI it will name ({@link UdapClientUri}) and the app's metadata under the
 * full UDAP policy ({@link Policies#udapRegistration()}: all seven members, open-path URL rules, client_credentials
 * with private_key_jwt), with probing. Every problem is reported in one {@link RegistrationError} (policy section 7):
 * request problems at {@code /csr} and {@code /san_uri} as {@code invalid_request}, metadata problems at their
 * pointer under {@code /metadata} with the policy's codes. Probing runs only for a request with no other problem,
 * as in {@link RegistrationReview}: a request refused anyway does not earn the URLs' owners requests. The developer's
 * ownership of the client URI ({@link CertificateOwnership}) is checked with the rest, and its challenge URL fetched
 * last, once the metadata's URLs passed. Thread-safe when the prober and the ownership's ports are.
 */
public final class CertificateRequestReview {

    private static final String METADATA = "/" + CertificateRequest.METADATA;

    /** What the review decided. */
    public sealed interface Verdict {}

    /**
     * The certificate may be issued.
     *
     * @param metadata    the metadata as sent (what the app's software statements will carry), not with defaults
     * @param report      what probing found
     * @param developerId the developer who proved control of the client URI
     */
    public record Approved(CertificateSigningRequest csr, String sanUri, ClientMetadata metadata, ProbeReport report,
                           String developerId) implements Verdict {}

    /** The request is refused, with every problem found. */
    public record Refused(RegistrationError error) implements Verdict {}

    private final Policy policy;
    private final PolicyContext context;
    private final RegistrationReview review;
    private final CertificateOwnership ownership;

    public CertificateRequestReview(PolicyContext context, UrlProber prober, CertificateOwnership ownership) {
        this.policy = Policies.udapRegistration();
        this.context = Objects.requireNonNull(context);
        this.review = new RegistrationReview(policy, context, Objects.requireNonNull(prober));
        this.ownership = Objects.requireNonNull(ownership);
    }

    /** The ownership challenges this review checks ({@code POST /operator/certificates/challenges} issues them). */
    public CertificateOwnership ownership() {
        return ownership;
    }

    /**
     * Uses an approved request's challenge, once: empty when this issuance may go ahead, else the refusal (another
     * issuance used the challenge first).
     */
    Optional<RegistrationError> claim(CertificateRequest request) {
        return ownership.use(request).map(RegistrationError::single);
    }

    public Verdict review(CertificateRequest request) {
        List<Violation> problems = new ArrayList<>();
        CertificateSigningRequest csr = null;
        switch (CertificateSigningRequest.read(request.csr())) {
            case CertificateSigningRequest.Readable readable -> csr = readable.request();
            case CertificateSigningRequest.Unreadable unreadable -> problems.addAll(unreadable.problems());
        }
        problems.addAll(UdapClientUri.problems(request.sanUri(), request.metadata(), csr));
        problems.addAll(ownership.problems(request));
        if (request.metadata() == null) {
            problems.add(Violation.error(METADATA, RegistrationErrorCode.INVALID_CLIENT_METADATA, "metadata is"
                    + " required: a JSON object with the app's registration metadata, as its software statements"
                    + " will carry it"));
        } else {
            problems.addAll(underMetadata(policy.evaluate(request.metadata(), context).errors()));
        }
        if (!problems.isEmpty()) {
            return new Refused(RegistrationError.of(problems));
        }
        RegistrationReview.Accepted accepted;
        switch (review.review(request.metadata())) {
            case RegistrationReview.Refused refused -> {
                return new Refused(RegistrationError.of(underMetadata(refused.error().errors())));
            }
            case RegistrationReview.Accepted reviewed -> accepted = reviewed;
        }
        Optional<Violation> unproven = ownership.unproven(request);
        if (unproven.isPresent()) {
            return new Refused(RegistrationError.single(unproven.get()));
        }
        return new Approved(csr, request.sanUri(), request.metadata(), accepted.report(), request.developerId());
    }

    /** The policy's pointers are into the metadata object, which the request holds at /metadata. */
    private static List<Violation> underMetadata(List<Violation> problems) {
        return problems.stream()
                .map(v -> new Violation(METADATA + v.field(), v.code(), v.description(), v.severity(), v.rule()))
                .toList();
    }
}
