package health.registration.operator;

import health.registration.core.issue.ClientStatus;
import health.registration.core.model.ClientMetadata;
import health.registration.core.operator.ClientListing;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.operator.OperatorClients;
import health.registration.core.operator.OperatorOutcome;
import health.registration.core.operator.OperatorSuspensions;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.RegistrationError;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLog;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Routes the operator's client API (AWS_IAM-authorised in API Gateway; a local bearer token locally) to the core:
 * {@code POST/GET /operator/clients}, {@code GET/PUT/DELETE /operator/clients/{client_id}},
 * {@code POST /operator/clients/{client_id}/suspend} and {@code /reinstate}. A request without an authenticated
 * caller is refused: the route must never be reachable without IAM.
 */
final class OperatorRequests {

    static final String CLIENT_ID = "client_id";

    private final OperatorClients clients;
    private final OperatorSuspensions suspensions;
    private final ClientListing listing;
    private final OperationalMetrics metrics;

    OperatorRequests(OperatorClients clients, OperatorSuspensions suspensions, ClientListing listing) {
        this(clients, suspensions, listing, OperationalMetrics.discarding());
    }

    /** @param metrics where manual registrations are counted (docs/operations/metrics.md) */
    OperatorRequests(OperatorClients clients, OperatorSuspensions suspensions, ClientListing listing,
                     OperationalMetrics metrics) {
        this.clients = clients;
        this.suspensions = suspensions;
        this.listing = listing;
        this.metrics = metrics;
    }

    ApiResponse answer(ApiRequest request, RequestLog log) {
        Optional<String> caller = request.caller();
        if (caller.isEmpty()) {
            log.warn("refused: no authenticated caller");
            return ErrorResponses.noOperatorCaller();
        }
        String clientId = request.pathParameters().get(CLIENT_ID);
        String method = request.httpMethod().toUpperCase(Locale.ROOT);
        if (clientId == null) {
            return switch (method) {
                case "POST" -> withMetadata(request, metadata -> counted(() -> clients.register(metadata, caller.get())));
                case "GET" -> list(request);
                default -> ErrorResponses.simple(405, RegistrationErrorCode.INVALID_REQUEST, "Use POST or GET.");
            };
        }
        if (request.path().endsWith("/suspend") || request.path().endsWith("/reinstate")) {
            return !method.equals("POST") ? ErrorResponses.simple(405, RegistrationErrorCode.INVALID_REQUEST, "Use POST.")
                    : respond(request.path().endsWith("/suspend") ? suspensions.suspend(clientId, caller.get())
                            : suspensions.reinstate(clientId, caller.get()));
        }
        return switch (method) {
            case "GET" -> respond(clients.read(clientId, caller.get()));
            case "PUT" -> withMetadata(request, metadata -> clients.update(clientId, metadata, caller.get()));
            case "DELETE" -> respond(clients.delete(clientId, caller.get()));
            default -> ErrorResponses.simple(405, RegistrationErrorCode.INVALID_REQUEST, "Use GET, PUT or DELETE.");
        };
    }

    private interface MetadataCall {
        OperatorOutcome call(ClientMetadata metadata);
    }

    /** A manual registration's outcome, counted on the manual path; a failure (to become a 5xx) as failed. */
    private OperatorOutcome counted(Supplier<OperatorOutcome> registering) {
        OperatorOutcome outcome;
        try {
            outcome = registering.get();
        } catch (RuntimeException failure) {
            metrics.failed(RegistrationPath.MANUAL);
            throw failure;
        }
        switch (outcome) {
            case OperatorOutcome.Created created -> metrics.registered(RegistrationPath.MANUAL);
            case OperatorOutcome.Refused(RegistrationError error) -> metrics.refused(RegistrationPath.MANUAL, error);
            default -> { }
        }
        return outcome;
    }

    private static ApiResponse withMetadata(ApiRequest request, MetadataCall call) {
        MetadataBody.Reading reading = MetadataBody.read(request);
        if (reading instanceof MetadataBody.Refused refused) {
            return ErrorResponses.of(refused.rejection());
        }
        return respond(call.call(((MetadataBody.Accepted) reading).metadata()));
    }

    private ApiResponse list(ApiRequest request) {
        try {
            Optional<ClientStatus> status = request.queryParameter("status").map(ClientStatus::ofCode);
            if (status.filter(s -> !s.visible()).isPresent()) {
                throw new IllegalArgumentException("not a listable status");
            }
            int limit = request.queryParameter("limit").map(Integer::parseInt).orElse(50);
            if (limit < 1 || limit > ClientListing.MAX_LIMIT) {
                throw new IllegalArgumentException("limit out of range");
            }
            return ApiResponse.json(200, listing.page(status, request.queryParameter("failing_url"), limit,
                    request.queryParameter("cursor")).toString());
        } catch (IllegalArgumentException badQuery) {
            return ErrorResponses.simple(RegistrationErrorCode.INVALID_REQUEST, "status must be active, warning or suspended; limit 1 to "
                    + ClientListing.MAX_LIMIT + "; cursor as the previous page gave it.");
        }
    }

    private static ApiResponse respond(OperatorOutcome outcome) {
        return switch (outcome) {
            case OperatorOutcome.Created(String answer, String clientId) -> ApiResponse.json(201, answer);
            case OperatorOutcome.Shown(String answer) -> ApiResponse.json(200, answer);
            case OperatorOutcome.Deleted() -> ApiResponse.empty(204);
            case OperatorOutcome.NotFound() -> ErrorResponses.simple(RegistrationErrorCode.NOT_FOUND,
                    "There is no registered client with this client_id.");
            case OperatorOutcome.Refused(RegistrationError error) -> ErrorResponses.of(error);
            case OperatorOutcome.Conflict() -> ErrorResponses.simple(409, RegistrationErrorCode.INVALID_REQUEST,
                    "The client changed while this request ran; read it again and retry.");
        };
    }
}
