package health.registration.core.issue;

import java.util.Locale;

/** Whether a failed URL check may pass by itself or needs the app to change something. */
public enum FailureKind {
    /** Timeouts, refused connections, names that do not resolve, 5xx answers: the server may be back tomorrow. */
    TRANSIENT,
    /** Redirects, 404/410, other 4xx, TLS failures, non-public addresses, bad logos, broken policy rules. */
    HARD;

    /** The stored and published form, e.g. {@code hard}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FailureKind ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
