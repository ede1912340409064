package health.registration.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.PolicyResult;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;

/**
 * The answer of {@code POST /validate}: {@code 200 {"valid", "errors", "warnings"}} for metadata that can be read,
 * or the RFC 7591 {@code 400} when some value cannot be read as metadata at all (policy section 8).
 */
final class ValidationReport {

    static final String VALID = "valid";
    static final String WARNINGS = "warnings";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidationReport() {}

    static ApiResponse of(PolicyResult result) {
        if (result.malformed()) {
            return ErrorResponses.of(result.toRegistrationError());
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put(VALID, result.valid());
        body.set(ErrorResponses.ERRORS, ErrorResponses.problems(result.errors()));
        body.set(WARNINGS, ErrorResponses.problems(result.warnings()));
        return ApiResponse.json(200, ErrorResponses.write(body));
    }
}
