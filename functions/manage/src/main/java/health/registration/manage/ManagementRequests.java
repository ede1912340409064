package health.registration.manage;

import health.registration.core.issue.ManagementOutcome;
import health.registration.core.issue.RegisteredClients;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.RequestLog;
import java.util.Locale;

/** Turns an RFC 7592 request into a call on the registered clients, and the outcome into the answer. */
final class ManagementRequests {

    static final String CLIENT_ID_PARAMETER = "client_id";
    private static final String BEARER = "bearer ";

    private final RegisteredClients clients;

    ManagementRequests(RegisteredClients clients) {
        this.clients = clients;
    }

    ApiResponse answer(ApiRequest request, RequestLog log) {
        String clientId = request.pathParameters().get(CLIENT_ID_PARAMETER);
        String token = bearerToken(request);
        ManagementOutcome outcome;
        switch (request.httpMethod().toUpperCase(Locale.ROOT)) {
            case "GET" -> outcome = clients.read(clientId, token);
            case "DELETE" -> outcome = clients.delete(clientId, token);
            case "PUT" -> {
                MetadataBody.Reading reading = MetadataBody.read(request);
                if (reading instanceof MetadataBody.Refused refused) {
                    return ErrorResponses.of(refused.rejection());
                }
                outcome = clients.update(clientId, token, ((MetadataBody.Accepted) reading).metadata());
            }
            default -> {
                return ErrorResponses.simple(405, RegistrationErrorCode.INVALID_REQUEST, "Use GET, PUT or DELETE.");
            }
        }
        log.info("method=" + request.httpMethod() + " outcome="
                + outcome.getClass().getSimpleName());
        return respond(outcome);
    }

    /** The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1), or null. */
    static String bearerToken(ApiRequest request) {
        String header = request.header("Authorization").orElse("");
        if (header.length() <= BEARER.length() || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private static ApiResponse respond(ManagementOutcome outcome) {
        return switch (outcome) {
            case ManagementOutcome.Shown(String answer) -> ApiResponse.json(200, answer);
            case ManagementOutcome.Deleted() -> ApiResponse.empty(204);
            case ManagementOutcome.Unauthorized(boolean tokenPresented) -> tokenPresented
                    ? ErrorResponses.simple(RegistrationErrorCode.INVALID_TOKEN, "A valid registration access token for this client is required.")
                            .withHeader("WWW-Authenticate", "Bearer error=\"" + RegistrationErrorCode.INVALID_TOKEN.code() + "\"")
                    // RFC 6750 §3.1: no error code in the challenge of a request without a token; the body's
                    // invalid_request says what is missing (docs/api/registration.md, "HTTP behaviour").
                    : ErrorResponses.simple(401, RegistrationErrorCode.INVALID_REQUEST, "This request needs the client's registration access "
                            + "token as Authorization: Bearer <registration_access_token> (RFC 7592 section 3).")
                            .withHeader("WWW-Authenticate", "Bearer");
            case ManagementOutcome.Refused(RegistrationError error) -> ErrorResponses.of(error);
            case ManagementOutcome.Conflict() -> ErrorResponses.simple(409, RegistrationErrorCode.INVALID_REQUEST,
                    "The client changed while this request ran; read it again and retry.");
        };
    }
}
