package health.registration.core.policy;

import health.registration.core.model.MetadataMember;
import java.util.Optional;

/**
 * Every error code the service answers, each with its usual HTTP status: the registration codes of RFC 7591 §3.2.2
 * and the UDAP Security IG, RFC 6750 §3.1's invalid_token (RFC 7592 §2), RFC 6749 §4.1.2.1's access_denied,
 * server_error and temporarily_unavailable, and the HTTP ones (not_found, rate_limited). The API Gateway answers in
 * infrastructure/template.yaml use these codes too. An answer may carry another status where the code's meaning fits
 * (invalid_request with 405, 409 or 422).
 */
public enum RegistrationErrorCode {
    INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
    /** RFC 6749 §5.2: a request that is not metadata at all (a bad header, a forbidden member on update). */
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    INVALID_SOFTWARE_STATEMENT("invalid_software_statement", 400),
    UNAPPROVED_SOFTWARE_STATEMENT("unapproved_software_statement", 400),
    /**
     * Too many requests from one source address (RFC 6585 §4, 429 with Retry-After). RFC 7591 defines no code for
     * this; {@code rate_limited} is the one API Gateway's throttling answer already uses
     * (docs/api/abuse-and-limits.md).
     */
    RATE_LIMITED("rate_limited", 429),
    /** RFC 6750 §3.1 (RFC 7592 §2): the registration access token is missing, unknown or for another client. */
    INVALID_TOKEN("invalid_token", 401),
    /** RFC 6749 §4.1.2.1: the caller may not call this route (the operator API, the web application firewall). */
    ACCESS_DENIED("access_denied", 403),
    /** RFC 9110 §15.5.5: no such resource (a client, a certificate, a CRL, a route). */
    NOT_FOUND("not_found", 404),
    /** RFC 6749 §4.1.2.1: the service failed; the cause goes to the log, never to the answer. */
    SERVER_ERROR("server_error", 500),
    /** RFC 6749 §4.1.2.1: a store, the prober or a secret is not available now; the client may retry. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503);

    private final String code;
    private final int httpStatus;

    RegistrationErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The value of the {@code error} member. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code whose {@code error} value this is, if it is one of ours. */
    public static Optional<RegistrationErrorCode> forCode(String code) {
        for (RegistrationErrorCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 7591 §3.2.2: problems with redirect_uris are invalid_redirect_uri, with software_statement
     * invalid_software_statement, all other metadata invalid_client_metadata.
     */
    public static RegistrationErrorCode forMember(MetadataMember member) {
        return switch (member) {
            case REDIRECT_URIS -> INVALID_REDIRECT_URI;
            case SOFTWARE_STATEMENT -> INVALID_SOFTWARE_STATEMENT;
            default -> INVALID_CLIENT_METADATA;
        };
    }
}
