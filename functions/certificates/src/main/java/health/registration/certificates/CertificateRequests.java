package health.registration.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.CertificateAuthority;
import health.registration.core.certificate.CertificateRequest;
import health.registration.core.certificate.ChallengeOutcome;
import health.registration.core.certificate.CrlDocument;
import health.registration.core.certificate.IssuanceOutcome;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevocationOutcome;
import health.registration.core.certificate.RevocationReason;
import health.registration.core.certificate.RevokedCertificateClients;
import health.registration.core.issue.ClientId;
import health.registration.core.model.ClientMetadata;
import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.MetadataBody;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The four routes of the certificates function: {@code POST /operator/certificates/challenges} issues an ownership
 * challenge ({@code {"developer_id", "san_uri"}} in, {@code 201 {"token", "url", "expires_at"}} out),
 * {@code POST /operator/certificates} issues a certificate, {@code POST /operator/certificates/{serial}/revoke} revokes
 * one (body optional: {@code {"reason": "key_compromise"}}) and suspends its UDAP clients, {@code GET /crl/{file}}
 * publishes the DER CRL at {@code /crl/{ca}.crl}. Told apart by their path parameters, and the challenge route by its
 * path.
 */
final class CertificateRequests {

    static final String SERIAL_PARAMETER = "serial";
    static final String FILE_PARAMETER = "file";
    static final String REASON = "reason";

    static final String CHALLENGES_PATH = "/certificates/challenges";

    private final CertificateAuthority authority;
    private final RevokedCertificateClients clients;
    private final CertificateAuditTrail audit;
    private final OperationalMetrics metrics;

    CertificateRequests(CertificateAuthority authority, RevokedCertificateClients clients, CertificateAuditTrail audit,
                        OperationalMetrics metrics) {
        this.authority = authority;
        this.clients = clients;
        this.audit = audit;
        this.metrics = metrics;
    }

    ApiResponse answer(ApiRequest request, RequestLog log) {
        if (request.pathParameters().containsKey(FILE_PARAMETER)) {
            return crl(request.pathParameters().get(FILE_PARAMETER));
        }
        Optional<String> signedBy = request.caller();
        if (signedBy.isEmpty()) {
            log.warn("refused: no authenticated caller");
            return ErrorResponses.noOperatorCaller();
        }
        String caller = signedBy.get();
        String serial = request.pathParameters().get(SERIAL_PARAMETER);
        boolean challenge = serial == null && request.path() != null && request.path().endsWith(CHALLENGES_PATH);
        MetadataBody.Reading reading = body(request, serial != null);
        if (reading instanceof MetadataBody.Refused refused) {
            audit.notDone(serial != null ? CertificateAuditTrail.REVOKE : challenge ? CertificateAuditTrail.CHALLENGE
                    : CertificateAuditTrail.ISSUE, caller, serial, OperatorAction.REFUSED, request.requestId(), null, log);
            return ErrorResponses.of(refused.rejection());
        }
        JsonNode body = ((MetadataBody.AcceptedObject) reading).json();
        if (serial != null) {
            return revoke(serial, body, caller, request.requestId(), log);
        }
        if (challenge) {
            return challenge(CertificateRequest.fromJson(body), caller, request.requestId(), log);
        }
        return issue(CertificateRequest.fromJson(body), caller, request.requestId(), log);
    }

    /** Only the developer id and client URI of the body count; the token is answered once and never logged. */
    private ApiResponse challenge(CertificateRequest request, String caller, String requestId, RequestLog log) {
        ChallengeOutcome.Issued issued;
        switch (authority.ownership().challenge(request.developerId(), request.sanUri())) {
            case ChallengeOutcome.Refused refused -> {
                audit.notDone(CertificateAuditTrail.CHALLENGE, caller, null, OperatorAction.REFUSED, requestId,
                        request.wellFormedDeveloperId().orElse(null), log);
                return ErrorResponses.of(refused.error());
            }
            case ChallengeOutcome.Issued done -> issued = done;
        }
        audit.challenged(caller, issued.developerId(), issued.sanUri(), requestId, log);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(ChallengeOutcome.TOKEN, issued.token());
        json.put(ChallengeOutcome.URL, issued.url());
        json.put(ChallengeOutcome.EXPIRES_AT, issued.expiresAt().toString());
        json.put(CertificateRequest.DEVELOPER_ID, issued.developerId());
        json.put(CertificateRequest.SAN_URI, issued.sanUri());
        return ApiResponse.json(201, json.toString()).withHeader("Cache-Control", "no-store");
    }

    /** The body as a strict JSON object; a revocation may send none (its reason is then unspecified). */
    private static MetadataBody.Reading body(ApiRequest request, boolean optional) {
        if (optional && request.bodyBytes().length == 0) {
            return new MetadataBody.AcceptedObject(JsonNodeFactory.instance.objectNode());
        }
        return MetadataBody.readObject(request);
    }

    private ApiResponse issue(CertificateRequest request, String caller, String requestId, RequestLog log) {
        IssuanceOutcome.Issued issued;
        switch (authority.issue(request, caller)) {
            case IssuanceOutcome.Refused refused -> {
                audit.notDone(CertificateAuditTrail.ISSUE, caller, null, OperatorAction.REFUSED, requestId,
                        request.wellFormedDeveloperId().orElse(null), log);
                return ErrorResponses.of(refused.error());
            }
            case IssuanceOutcome.Issued done -> issued = done;
        }
        audit.done(issued.audit(), requestId, log);
        metrics.certificateIssued();
        ObjectNode json = describe(issued.certificate());
        json.put("certificate", issued.certificatePem());
        json.put("certificate_chain", issued.chainPem());
        return ApiResponse.json(201, json.toString());
    }

    private ApiResponse revoke(String serial, JsonNode body, String caller, String requestId, RequestLog log) {
        JsonNode reasonText = body.path(REASON);
        Optional<RevocationReason> reason = reasonText.isMissingNode() ? Optional.of(RevocationReason.UNSPECIFIED)
                : RevocationReason.parse(reasonText.isTextual() ? reasonText.textValue() : null);
        if (reason.isEmpty()) {
            audit.notDone(CertificateAuditTrail.REVOKE, caller, serial, OperatorAction.REFUSED, requestId, null, log);
            return ErrorResponses.simple(RegistrationErrorCode.INVALID_REQUEST, "reason must be one of unspecified, key_compromise,"
                    + " affiliation_changed, superseded, cessation_of_operation, privilege_withdrawn.");
        }
        return switch (authority.revoke(serial, reason.get(), caller)) {
            case RevocationOutcome.NotFound() -> {
                audit.notDone(CertificateAuditTrail.REVOKE, caller, serial, OperatorAction.NOT_FOUND, requestId, null, log);
                yield ErrorResponses.simple(RegistrationErrorCode.NOT_FOUND, "This authority issued no certificate with that serial.");
            }
            case RevocationOutcome.AlreadyRevoked(IssuedCertificate certificate) -> {
                audit.notDone(CertificateAuditTrail.REVOKE, caller, serial, "already_revoked", requestId,
                        certificate.developerId(), log);
                // A repeated revocation also suspends what a failure after the first one left active.
                List<ClientId> suspended = clients.suspend(certificate);
                yield ApiResponse.json(200, describe(certificate, suspended).toString());
            }
            case RevocationOutcome.Revoked revoked -> {
                audit.done(revoked.audit(), requestId, log);
                metrics.certificateRevoked();
                List<ClientId> suspended = clients.suspend(revoked.certificate());
                audit.suspended(revoked.audit(), suspended.stream().map(ClientId::value).toList(), requestId, log);
                yield ApiResponse.json(200, describe(revoked.certificate(), suspended).toString());
            }
        };
    }

    private ApiResponse crl(String file) {
        if (!file.equals(authority.name() + ".crl")) {
            return ErrorResponses.simple(RegistrationErrorCode.NOT_FOUND, "No such CRL.");
        }
        CrlDocument crl = authority.crl();
        metrics.crlNextUpdate(crl.nextUpdate(), Instant.now());
        return ApiResponse.binary(200, "application/pkix-crl", crl.der())
                .withHeader("Cache-Control", "public, max-age=300");
    }

    /** The record's public facts and the clients its revocation suspended just now. */
    private ObjectNode describe(IssuedCertificate certificate, List<ClientId> suspended) {
        ObjectNode json = describe(certificate);
        ArrayNode ids = json.putArray("suspended_clients");
        suspended.forEach(id -> ids.add(id.value()));
        return json;
    }

    /** The record's public facts, as operators see them. */
    private ObjectNode describe(IssuedCertificate certificate) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("serial", certificate.serial());
        json.put("subject", certificate.subject());
        json.put("san_uri", certificate.sanUri());
        json.put("ca", certificate.caName());
        json.put("status", certificate.status().code());
        json.put("issued_at", certificate.issuedAt().toString());
        json.put("not_after", certificate.notAfter().toString());
        json.put("crl_url", authority.crlUrl().toString());
        json.put("requester", certificate.requester());
        json.put(CertificateRequest.DEVELOPER_ID, certificate.developerId());
        certificate.revoked().ifPresent(r -> {
            json.put("revoked_at", r.at().toString());
            json.put(REASON, r.reason().code());
            json.put("revoked_by", r.requester());
        });
        return json;
    }
}
