package health.registration.core.certificate;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator site's opaque id of a developer, which a developer certificate and its ownership challenge are bound
 * to: 1 to 128 characters of {@code A-Z a-z 0-9 . _ ~ : -} (the unreserved characters of RFC 3986 §2.3 and the colon),
 * so that it can be written into log lines and events as it is. Compared exactly.
 */
final class DeveloperId {

    static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._~:-]{1," + MAX_LENGTH + "}");
    private static final String FIELD = "/" + CertificateRequest.DEVELOPER_ID;

    private DeveloperId() {}

    /** What is wrong with the id, as an {@code invalid_request} at {@code /developer_id}, or empty. */
    static Optional<Violation> problem(String developerId) {
        if (developerId == null || developerId.isEmpty()) {
            return Optional.of(error("developer_id is required: the operator site's opaque id of the developer"));
        }
        if (developerId.length() > MAX_LENGTH || !SHAPE.matcher(developerId).matches()) {
            return Optional.of(error("developer_id must be 1 to " + MAX_LENGTH + " characters of A-Z, a-z, 0-9,"
                    + " '.', '_', '~', ':' and '-'"));
        }
        return Optional.empty();
    }

    private static Violation error(String description) {
        return Violation.error(FIELD, RegistrationErrorCode.INVALID_REQUEST, description);
    }
}
