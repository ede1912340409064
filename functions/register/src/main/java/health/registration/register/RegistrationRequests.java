package health.registration.register;

import health.registration.core.issue.IdempotencyKey;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.limit.SourceQuota;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.Parsed;
import health.registration.core.policy.PlainSoftwareStatement;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.udap.UdapRegistrar;
import health.registration.core.udap.UdapRequest;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLimits;
import health.registration.edge.RequestLog;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a {@code POST /register} request into a registration and its outcome into the answer. */
final class RegistrationRequests {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IdempotentRegistration registration;
    private final Optional<UdapRegistrar> udap;
    private final Optional<SourceQuota> quota;
    private final OperationalMetrics metrics;

    /**
     * @param udap  the UDAP path, or empty when UDAP registration is switched off (no trust anchors configured)
     * @param quota the per-source hourly limit, or empty for none (handler tests of other concerns)
     */
    RegistrationRequests(IdempotentRegistration registration, Optional<UdapRegistrar> udap, Optional<SourceQuota> quota) {
        this(registration, udap, quota, OperationalMetrics.discarding());
    }

    /** @param metrics where outcomes are counted (docs/operations/metrics.md) */
    RegistrationRequests(IdempotentRegistration registration, Optional<UdapRegistrar> udap, Optional<SourceQuota> quota,
                         OperationalMetrics metrics) {
        this.registration = registration;
        this.udap = udap;
        this.quota = quota;
        this.metrics = metrics;
    }

    ApiResponse answer(ApiRequest request, RequestLog log) {
        // Every attempt counts, before the body is even read: each one may cost probes of third-party hosts.
        Optional<ApiResponse> limited = quota.flatMap(q -> RequestLimits.refusal(q, request));
        if (limited.isPresent()) {
            metrics.rateLimited(OperationalMetrics.Limit.REGISTRATIONS_PER_SOURCE);
            log.warn("outcome=rate-limited");
            return limited.get();
        }
        MetadataBody.Reading reading = MetadataBody.read(request);
        if (reading instanceof MetadataBody.Refused refused) {
            log.info("refused status=" + refused.rejection().status());
            return refusedOpen(ErrorResponses.of(refused.rejection()), RegistrationErrorCode.INVALID_CLIENT_METADATA);
        }
        ClientMetadata metadata = ((MetadataBody.Accepted) reading).metadata();
        if (UdapRequest.isUdap(metadata)) {
            return answerUdap(new UdapRequest(metadata), request, log);
        }
        // RFC 7591 §3.1.1: a software statement is judged first; outside UDAP this server approves none.
        Optional<RegistrationError> statement = PlainSoftwareStatement.refusal(metadata);
        if (statement.isPresent()) {
            log.info("outcome=plain-software-statement");
            metrics.refused(RegistrationPath.OPEN, statement.get());
            return ErrorResponses.of(statement.get());
        }
        Optional<Parsed<IdempotencyKey>> key = request.header(IDEMPOTENCY_KEY).map(IdempotencyKey::parse);
        if (key.isPresent() && !key.get().isOk()) {
            log.info("outcome=weak-idempotency-key");
            // The pointer is the empty one, the request as a whole: a header is no member of the body.
            return refusedOpen(ErrorResponses.of(RegistrationError.single(Violation.malformed(FieldPointer.DOCUMENT,
                    RegistrationErrorCode.INVALID_REQUEST, key.get().problem()))), RegistrationErrorCode.INVALID_REQUEST);
        }
        RegistrationOutcome outcome = counted(RegistrationPath.OPEN, () -> registration.register(metadata,
                key.map(Parsed::value).orElse(null), request.bodyBytes()));
        log.info(describe(outcome));
        return respond(outcome);
    }

    /** UDAP DCR: the software statement path; an Idempotency-Key means nothing there (a repeat is a modification). */
    private ApiResponse answerUdap(UdapRequest udapRequest, ApiRequest request, RequestLog log) {
        if (udap.isEmpty()) {
            log.info("outcome=udap-off");
            metrics.refused(RegistrationPath.UDAP, PlainSoftwareStatement.udapOff(udapRequest.body()));
            return ErrorResponses.of(PlainSoftwareStatement.udapOff(udapRequest.body()));
        }
        RegistrationOutcome outcome = counted(RegistrationPath.UDAP, () -> udap.get().register(udapRequest));
        log.info("udap " + describe(outcome));
        return respond(outcome);
    }

    /** The outcome of a registration on {@code path}, counted; a failure (to become a 5xx) counted as failed. */
    private RegistrationOutcome counted(RegistrationPath path, Supplier<RegistrationOutcome> registering) {
        RegistrationOutcome outcome;
        try {
            outcome = registering.get();
        } catch (RuntimeException failure) {
            metrics.failed(path);
            throw failure;
        }
        metrics.registration(path, outcome);
        return outcome;
    }

    /** An open registration refused before the policy ran (the body or a header), counted as such. */
    private ApiResponse refusedOpen(ApiResponse refusal, RegistrationErrorCode code) {
        metrics.refusedRequest(RegistrationPath.OPEN, code);
        return refusal;
    }

    private static ApiResponse respond(RegistrationOutcome outcome) {
        return switch (outcome) {
            case RegistrationOutcome.Registered(String answer, String clientId, boolean replayed) -> ApiResponse.json(201, answer);
            case RegistrationOutcome.Modified(String answer, String clientId) -> ApiResponse.json(200, answer);
            case RegistrationOutcome.Refused(RegistrationError error) -> ErrorResponses.of(error);
            case RegistrationOutcome.KeyReused() -> ErrorResponses.simple(422, RegistrationErrorCode.INVALID_REQUEST,
                    "This Idempotency-Key was already used with a different request body; use a new key for a new request.");
            case RegistrationOutcome.KeyInProgress() -> ErrorResponses.simple(409, RegistrationErrorCode.INVALID_REQUEST,
                    "A request with this Idempotency-Key is still in progress; retry it shortly.").withHeader("Retry-After", "2");
        };
    }

    /** For the log: the outcome and the client id, never the secret or the token. */
    private static String describe(RegistrationOutcome outcome) {
        return switch (outcome) {
            case RegistrationOutcome.Registered(String answer, String clientId, boolean replayed) ->
                    "outcome=" + (replayed ? "replayed" : "registered") + " clientId=" + clientId;
            case RegistrationOutcome.Modified(String answer, String clientId) -> "outcome=modified clientId=" + clientId;
            case RegistrationOutcome.Refused(RegistrationError error) ->
                    "outcome=refused error=" + error.error().code() + " problems=" + error.errors().size();
            case RegistrationOutcome.KeyReused() -> "outcome=key-reused";
            case RegistrationOutcome.KeyInProgress() -> "outcome=key-in-progress";
        };
    }
}
