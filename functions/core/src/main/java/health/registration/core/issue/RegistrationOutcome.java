package health.registration.core.issue;

import health.registration.core.policy.RegistrationError;

/** What {@code POST /register} answers. */
public sealed interface RegistrationOutcome {

    /**
     * 201: the client information, with secret and token. {@code replayed} when it is the stored first answer to an
     * earlier request with the same Idempotency-Key.
     */
    record Registered(String answer, String clientId, boolean replayed) implements RegistrationOutcome {}

    /**
     * 200: a UDAP registration modified or cancelled by a new software statement with the same {@code iss} in the same
     * trust community (IG STU2 §3.4); the client id is the one it had.
     */
    record Modified(String answer, String clientId) implements RegistrationOutcome {}

    /** 400: the metadata breaks the policy. */
    record Refused(RegistrationError error) implements RegistrationOutcome {}

    /** 422: the Idempotency-Key was used before with a different body. */
    record KeyReused() implements RegistrationOutcome {}

    /** 409: a request with this Idempotency-Key is still running; retry later. */
    record KeyInProgress() implements RegistrationOutcome {}
}
