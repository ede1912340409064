package health.registration.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.authority.AuthorityClients;
import health.registration.core.authority.AuthorityRead;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.RequestLog;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Routes the authority API (AWS_IAM-authorised in API Gateway; the local operator token locally) to the core:
 * {@code GET /authority/clients/{client_id}} and {@code POST /authority/clients/{client_id}/verify-secret}
 * (docs/api/authority.md). A request without an authenticated caller is refused, as on the operator routes.
 */
final class AuthorityRequests {

    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String VALID = "valid";
    private static final String VERIFY_SECRET = "/verify-secret";

    private final AuthorityClients authority;

    AuthorityRequests(AuthorityClients authority) {
        this.authority = authority;
    }

    ApiResponse answer(ApiRequest request, RequestLog log) {
        Optional<String> caller = request.caller();
        if (caller.isEmpty()) {
            log.warn("refused: no authenticated caller");
            return ErrorResponses.noOperatorCaller();
        }
        String clientId = request.pathParameters().getOrDefault(CLIENT_ID, "");
        String method = request.httpMethod().toUpperCase(Locale.ROOT);
        if (request.path().endsWith(VERIFY_SECRET)) {
            return method.equals("POST") ? verifySecret(request, clientId, caller.get())
                    : ErrorResponses.methodNotAllowed(List.of("POST"));
        }
        if (!method.equals("GET")) {
            return ErrorResponses.methodNotAllowed(List.of("GET"));
        }
        return switch (authority.read(clientId, caller.get())) {
            case AuthorityRead.Shown(ObjectNode client) -> ApiResponse.json(200, client.toString());
            case AuthorityRead.NotFound() -> ErrorResponses.of(RegistrationError.single(Violation.malformed(
                    FieldPointer.DOCUMENT, RegistrationErrorCode.NOT_FOUND, "There is no registered client with this client_id.")));
        };
    }

    /** RFC 7591-style 400 for a body that is not {@code {"client_secret": "<non-empty string>"}}. */
    private ApiResponse verifySecret(ApiRequest request, String clientId, String caller) {
        MetadataBody.Reading reading = MetadataBody.readObject(request);
        if (reading instanceof MetadataBody.Refused refused) {
            return ErrorResponses.of(refused.rejection());
        }
        JsonNode secret = ((MetadataBody.AcceptedObject) reading).json().path(CLIENT_SECRET);
        if (!secret.isTextual() || secret.asText().isEmpty()) {
            return ErrorResponses.of(RegistrationError.single(Violation.malformed("/" + CLIENT_SECRET,
                    RegistrationErrorCode.INVALID_REQUEST, "client_secret must be the non-empty string the client presented.")));
        }
        boolean valid = authority.verifySecret(clientId, secret.asText(), caller);
        return ApiResponse.json(200, JsonNodeFactory.instance.objectNode().put(VALID, valid).toString());
    }
}
