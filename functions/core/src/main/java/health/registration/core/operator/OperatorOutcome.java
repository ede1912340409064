package health.registration.core.operator;

import health.registration.core.policy.RegistrationError;

/** How an operator request ended; the edge turns each into its HTTP answer. */
public sealed interface OperatorOutcome {

    /** {@code 201}: a client was registered; the answer carries its credentials once. */
    record Created(String answer, String clientId) implements OperatorOutcome {}

    /** {@code 200} with the answer. */
    record Shown(String answer) implements OperatorOutcome {}

    /** {@code 204}. */
    record Deleted() implements OperatorOutcome {}

    /** {@code 404}: no such visible client (or certificate). */
    record NotFound() implements OperatorOutcome {}

    /** {@code 400} with the RFC 7591 error. */
    record Refused(RegistrationError error) implements OperatorOutcome {}

    /** {@code 409}: another change came first. */
    record Conflict() implements OperatorOutcome {}
}
