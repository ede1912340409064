package health.registration.core.policy;

/** How much a problem weighs. */
public enum Severity {
    /**
     * The metadata cannot be read as metadata (policy section 8: a value of the wrong JSON type, too many
     * entries). Every path answers {@code 400}, even the validation endpoint.
     */
    MALFORMED,
    /** The metadata breaks a rule; registration is refused. */
    ERROR,
    /** Worth fixing, but registration may go ahead. */
    WARNING
}
