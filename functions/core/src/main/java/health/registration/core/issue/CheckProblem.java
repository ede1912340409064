package health.registration.core.issue;

import java.util.Objects;

/**
 * One reason a client's last URL check failed, kept on the client and shown to it (RFC 7592 read) and to operators.
 *
 * @param member      the member or entry at fault, as a JSON pointer ({@code /logo_uri}, {@code /contacts/0})
 * @param url         the URL probed, or null when the problem is not a probe's
 * @param code        the probe outcome ({@code not_found}) or, for a policy rule, its error code
 * @param kind        whether it may pass by itself
 * @param description a plain sentence saying what is wrong
 */
public record CheckProblem(String member, String url, String code, FailureKind kind, String description) {

    public CheckProblem {
        Objects.requireNonNull(member);
        Objects.requireNonNull(code);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(description);
    }
}
