package health.registration.core.issue;

import health.registration.core.policy.RegistrationError;

/** What the RFC 7592 client configuration endpoint answers. */
public sealed interface ManagementOutcome {

    /** 200: the client information (never the secret; the token only when it was just rotated). */
    record Shown(String answer) implements ManagementOutcome {}

    /** 204: the client is gone. */
    record Deleted() implements ManagementOutcome {}

    /**
     * 401 with {@code WWW-Authenticate: Bearer}: no token, a wrong token, or no such client — never saying which
     * (RFC 7592 §2, RFC 6750 §3).
     */
    record Unauthorized(boolean tokenPresented) implements ManagementOutcome {}

    /** 400: the update breaks the policy or RFC 7592 §2.2. */
    record Refused(RegistrationError error) implements ManagementOutcome {}

    /** 409: another change to the client happened first; read it again and retry. */
    record Conflict() implements ManagementOutcome {}
}
