package health.registration.core.policy;

import health.registration.core.model.MetadataMember;

/** The registration error codes of RFC 7591 §3.2.2 and the UDAP Security IG, and our rate limit, each with its HTTP status. */
public enum RegistrationErrorCode {
    INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
    /** RFC 6749 §5.2: a request that is not metadata at all (a bad header, a forbidden member on update). */
    INVALID_REQUEST("invalid_request", 400),
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    INVALID_SOFTWARE_STATEMENT("invalid_software_statement", 400),
    UNAPPROVED_SOFTWARE_STATEMENT("unapproved_software_statement", 400),
    /**
     * Too many requests from one source address (RFC 6585 §4, 429 with Retry-After). RFC 7591 defines no code for
     * this; {@code rate_limited} is the one API Gateway's throttling answer already uses (README, "API").
     */
    RATE_LIMITED("rate_limited", 429);

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
