package health.registration.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.List;

/**
 * RFC 7591 §3.2.2 error answers: {@code error}, {@code error_description} and, as our extension, {@code errors}
 * with every problem ({@code field}, {@code code}, {@code description}).
 */
public final class ErrorResponses {

    public static final String ERROR = "error";
    public static final String ERROR_DESCRIPTION = "error_description";
    public static final String ERRORS = "errors";
    public static final String FIELD = "field";
    public static final String CODE = "code";
    public static final String DESCRIPTION = "description";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorResponses() {}

    /** The answer for a refused registration, with the status of its error code. */
    public static ApiResponse of(RegistrationError error) {
        return of(error.httpStatus(), error);
    }

    /** The answer for a request refused before reading (413, 415 or 400). */
    public static ApiResponse of(RequestRejection rejection) {
        Violation problem = Violation.malformed(rejection.field(), RegistrationErrorCode.INVALID_CLIENT_METADATA, rejection.description());
        return of(rejection.status(), RegistrationError.single(problem));
    }

    /** A 500 that says nothing about the cause; the cause goes to the log. */
    public static ApiResponse serverError() {
        return simple(RegistrationErrorCode.SERVER_ERROR, "The service could not complete the request; please try again later.");
    }

    /** 503: a store or the prober did not answer; nothing was half-made, so the client may retry. */
    public static ApiResponse unavailable() {
        return simple(RegistrationErrorCode.TEMPORARILY_UNAVAILABLE, "The service could not complete the request now; please retry shortly.")
                .withHeader("Retry-After", "5");
    }

    /**
     * 503: a secret the request needs is missing or unusable (not created yet, unreadable, or inconsistent with the
     * rest of the configuration). Names the setting, never the secret's value; the rest of the service keeps working.
     */
    public static ApiResponse notConfigured(String setting) {
        return simple(RegistrationErrorCode.TEMPORARILY_UNAVAILABLE, "The service cannot answer this request until its operator "
                + "creates or fixes the secret named by " + setting + "; please retry later.")
                .withHeader("Retry-After", "60");
    }

    /**
     * 409: another request changed the same registration first (say, two UDAP modifications of one client at once);
     * nothing of this one was written after the conflict, so the client may send it again (RFC 9110 section 15.5.10).
     */
    public static ApiResponse concurrentChange() {
        return simple(409, RegistrationErrorCode.INVALID_REQUEST, "Another change to this registration happened at the same time; send the "
                + "request again (a UDAP client with a new software statement).").withHeader("Retry-After", "1");
    }

    /**
     * 403 for an operator route reached without an authenticated IAM caller ({@code requestContext.identity.userArn}):
     * API Gateway's AWS_IAM authorisation always names one, so the function refuses rather than act for nobody.
     */
    public static ApiResponse noOperatorCaller() {
        return simple(RegistrationErrorCode.ACCESS_DENIED, "The operator API needs an AWS IAM-signed request.");
    }

    /**
     * 405 for a method the resource does not answer, with {@code Allow} listing those it does (RFC 9110 §15.5.6,
     * §10.2.1). The {@code errors} entry points at the whole request, as the other request-level refusals do.
     */
    public static ApiResponse methodNotAllowed(List<String> allowed) {
        String methods = String.join(", ", allowed);
        Violation problem = Violation.malformed(FieldPointer.DOCUMENT, RegistrationErrorCode.INVALID_REQUEST,
                "This resource answers only " + methods + " (see the Allow header).");
        return of(405, RegistrationError.single(problem)).withHeader("Allow", methods);
    }

    /** An error answer with just {@code error} and {@code error_description}, with the code's own status. */
    public static ApiResponse simple(RegistrationErrorCode error, String description) {
        return simple(error.httpStatus(), error, description);
    }

    /** An error answer with just {@code error} and {@code error_description}, with a status that fits the code. */
    public static ApiResponse simple(int status, RegistrationErrorCode error, String description) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put(ERROR, error.code());
        body.put(ERROR_DESCRIPTION, description);
        return ApiResponse.json(status, write(body));
    }

    /** The {@code errors} list, also used by answers that are not errors. */
    public static ArrayNode problems(List<Violation> violations) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Violation v : violations) {
            list.addObject().put(FIELD, v.field()).put(CODE, v.code().code()).put(DESCRIPTION, v.description());
        }
        return list;
    }

    private static ApiResponse of(int status, RegistrationError error) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put(ERROR, error.error().code());
        body.put(ERROR_DESCRIPTION, error.description());
        body.set(ERRORS, problems(error.errors()));
        return ApiResponse.json(status, write(body));
    }

    /** Writes JSON; a tree of strings and numbers always serialises. */
    public static String write(ObjectNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a JSON tree could not be written", impossible);
        }
    }
}
