package health.registration.core.probe;

import java.util.Objects;

/**
 * One URL to probe, and what for. A URL probed as an {@link FetchPurpose#IMAGE image} also answers for every member
 * that names it as a page; one probed as a {@link FetchPurpose#PAGE page} cannot answer for a logo.
 *
 * @param url     the absolute https URL, exactly as registered
 * @param purpose {@link FetchPurpose#PAGE} or {@link FetchPurpose#IMAGE}
 */
public record ProbeTarget(String url, FetchPurpose purpose) {

    public ProbeTarget {
        Objects.requireNonNull(url);
        Objects.requireNonNull(purpose);
        if (purpose == FetchPurpose.CRL || purpose == FetchPurpose.CHALLENGE) {
            throw new IllegalArgumentException("a URL member is probed as a page or an image");
        }
    }

    /** True when a probe made for this target can judge a member that needs {@code needed}. */
    public boolean serves(FetchPurpose needed) {
        return purpose == FetchPurpose.IMAGE || needed == FetchPurpose.PAGE;
    }
}
