package health.registration.core.policy;

import java.util.Objects;

/**
 * One problem with the metadata.
 *
 * @param field       a JSON pointer (RFC 6901) to the member or entry concerned, e.g. {@code /redirect_uris/1};
 *                    empty for the whole document
 * @param code        the RFC 7591 error code this problem maps to
 * @param description a plain sentence naming the field and the fix; it never echoes a submitted value verbatim,
 *                    only values the service derived and validated (such as a registrable domain)
 * @param severity    whether it refuses the registration
 * @param rule        the stable name of the rule that found it ({@link Rule#name()}), set by {@link Policy}; empty
 *                    for a problem no rule of a policy found (a request-level refusal). For counting refusals by
 *                    rule (docs/operations/metrics.md), never sent to the registrant
 */
public record Violation(String field, RegistrationErrorCode code, String description, Severity severity, String rule) {

    public Violation {
        Objects.requireNonNull(field);
        Objects.requireNonNull(code);
        Objects.requireNonNull(description);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(rule);
    }

    /** A problem not yet attributed to a rule. */
    public Violation(String field, RegistrationErrorCode code, String description, Severity severity) {
        this(field, code, description, severity, "");
    }

    public static Violation error(String field, RegistrationErrorCode code, String description) {
        return new Violation(field, code, description, Severity.ERROR);
    }

    public static Violation malformed(String field, RegistrationErrorCode code, String description) {
        return new Violation(field, code, description, Severity.MALFORMED);
    }

    public static Violation warning(String field, RegistrationErrorCode code, String description) {
        return new Violation(field, code, description, Severity.WARNING);
    }

    /** The same problem, attributed to {@code ruleName} unless a rule already is. */
    public Violation foundBy(String ruleName) {
        return rule.isEmpty() ? new Violation(field, code, description, severity, ruleName) : this;
    }

    /** True for problems that refuse the registration. */
    public boolean refuses() {
        return severity != Severity.WARNING;
    }
}
