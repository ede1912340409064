package health.registration.core.issue;

import health.registration.core.probe.ProbeOutcome;
import java.util.Locale;
import java.util.Set;

/** Whether a failed URL check may pass by itself or needs the app to change something. */
public enum FailureKind {
    /**
     * Timeouts, refused connections, names that do not resolve, 5xx answers, and 401, 403 and 429: the server may be
     * back tomorrow, or may be refusing us rather than the app's users.
     */
    TRANSIENT,
    /** Redirects, 404/410, other 4xx, TLS failures, non-public addresses, bad logos, broken policy rules. */
    HARD;

    /**
     * Answers that say the host is refusing or rate-limiting the prober (RFC 9110 §15.5.2 401, §15.5.4 403, RFC 6585
     * §4 429) rather than that the page is gone: a WAF, a bot filter, or a host that someone aimed our prober at
     * until it pushed back. Counting them as hard would let a third party get an app suspended.
     */
    private static final Set<Integer> REFUSALS_OF_THE_PROBER = Set.of(401, 403, 429);

    /** The kind of a probe's failure: its outcome's, or transient for an answer that refuses the prober. */
    public static FailureKind of(ProbeOutcome outcome, Integer httpStatus) {
        boolean refused = httpStatus != null && REFUSALS_OF_THE_PROBER.contains(httpStatus);
        return outcome.transientFailure() || refused ? TRANSIENT : HARD;
    }

    /** The stored and published form, e.g. {@code hard}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
