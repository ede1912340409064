package health.registration.core.probe;

import health.registration.core.model.UrlField;
import java.util.List;
import java.util.Objects;

/**
 * What one GET of a URL found, whichever members name it: the outcome that ended it early, or the status answered
 * (with, for an image, whether the bytes are an acceptable logo). Holds no body, so a re-verification run can keep
 * one per distinct URL for the whole run.
 *
 * @param target        what was probed
 * @param failure       what ended the probe before an answer (timeout, TLS, not public...), or null when answered
 * @param httpStatus    the status answered, or null
 * @param location      a redirect's {@code Location}, sanitised and truncated, or null
 * @param imageOutcome  for an answered image probe, {@link ProbeOutcome#OK} or why the answer is no logo; else null
 * @param addresses     the addresses the host resolved to (empty when it was not resolved)
 * @param elapsedMillis how long the probe took
 * @param detail        a short reason for a failure (the refused address, the TLS problem), or null
 * @param retryAfter    the answer's {@code Retry-After} (RFC 9110 §10.2.3) as sent, bounded, when it was not a
 *                      success; else null ({@link RetryAfter} reads it)
 */
public record UrlProbe(ProbeTarget target, ProbeOutcome failure, Integer httpStatus, String location,
                       ProbeOutcome imageOutcome, List<String> addresses, long elapsedMillis, String detail,
                       String retryAfter) {

    public UrlProbe {
        Objects.requireNonNull(target);
        if ((failure == null) == (httpStatus == null)) {
            throw new IllegalArgumentException("a probe either failed or was answered");
        }
        addresses = List.copyOf(addresses);
    }

    /** A probe without a {@code Retry-After}. */
    public UrlProbe(ProbeTarget target, ProbeOutcome failure, Integer httpStatus, String location,
                    ProbeOutcome imageOutcome, List<String> addresses, long elapsedMillis, String detail) {
        this(target, failure, httpStatus, location, imageOutcome, addresses, elapsedMillis, detail, null);
    }

    public static UrlProbe failed(ProbeTarget target, ProbeOutcome failure, String detail, List<String> addresses, long elapsedMillis) {
        return new UrlProbe(target, failure, null, null, null, addresses, elapsedMillis, detail);
    }

    static UrlProbe answered(ProbeTarget target, FetchedPage page, int maxLogoBytes, List<String> addresses, long elapsedMillis) {
        ProbeOutcome image = target.purpose() == FetchPurpose.IMAGE ? HostingRequirements.imageOutcome(page, maxLogoBytes) : null;
        String retryAfter = page.status() >= 300 ? RetryAfter.bounded(page.retryAfter()) : null;
        return new UrlProbe(target, null, page.status(), ProbeDescriptions.sanitizeLocation(page.location()), image,
                addresses, elapsedMillis, null, retryAfter);
    }

    public String url() {
        return target.url();
    }

    /** What this probe means for a member of the given kind. */
    public ProbeOutcome outcomeFor(UrlField field) {
        if (failure != null) {
            return failure;
        }
        ProbeOutcome byStatus = HostingRequirements.outcomeOf(field, httpStatus);
        if (field != UrlField.LOGO_URI || byStatus != ProbeOutcome.OK) {
            return byStatus;
        }
        if (imageOutcome == null) {
            throw new IllegalStateException("a logo is judged only from a probe made for an image");
        }
        return imageOutcome;
    }

    /** True when the probe could not judge the URL for reasons that may pass by themselves (timeouts, 5xx, 429). */
    public boolean transientFailure() {
        // As HostingRequirements judges answers: 5xx, and a final 1xx, are server errors; 401, 403 and 429 refuse the
        // prober rather than the page (FailureKind.of).
        return failure != null ? failure.transientFailure()
                : httpStatus >= 500 || httpStatus < 200 || httpStatus == 401 || httpStatus == 403 || httpStatus == 429;
    }
}
