package health.registration.core.issue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.MetadataMember;
import java.net.URI;
import java.util.List;

/**
 * The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus what the server
 * issued. The secret and the token appear only when given (at registration; the token again after every RFC 7592
 * read and update).
 *
 * @param record                the client as stored
 * @param secret                the client secret to show, or null
 * @param token                 the registration access token to show, or null
 * @param registrationClientUri {@code PUBLIC_BASE_URL/register/{client_id}}
 */
public record ClientInformation(ClientRecord record, ClientSecret secret, RegistrationAccessToken token,
                                URI registrationClientUri) {

    public static final String CLIENT_ID = MetadataMember.CLIENT_ID.jsonName();
    public static final String CLIENT_SECRET = MetadataMember.CLIENT_SECRET.jsonName();
    public static final String CLIENT_ID_ISSUED_AT = MetadataMember.CLIENT_ID_ISSUED_AT.jsonName();
    public static final String CLIENT_SECRET_EXPIRES_AT = MetadataMember.CLIENT_SECRET_EXPIRES_AT.jsonName();
    public static final String REGISTRATION_ACCESS_TOKEN = MetadataMember.REGISTRATION_ACCESS_TOKEN.jsonName();
    public static final String REGISTRATION_CLIENT_URI = MetadataMember.REGISTRATION_CLIENT_URI.jsonName();
    public static final String CLIENT_STATUS = "client_status";
    public static final String URL_CHECKS = "url_checks";

    /** Members only the server sets; a registration request that carries them has them ignored. */
    public static final List<String> SERVER_MEMBERS = List.of(CLIENT_ID, CLIENT_SECRET, CLIENT_ID_ISSUED_AT,
            CLIENT_SECRET_EXPIRES_AT, REGISTRATION_ACCESS_TOKEN, REGISTRATION_CLIENT_URI, CLIENT_STATUS, URL_CHECKS);

    public ObjectNode toJson() {
        ObjectNode json = record.metadata().toJson();
        json.put(CLIENT_ID, record.clientId().value());
        json.put(CLIENT_ID_ISSUED_AT, record.credentials().issuedAt().getEpochSecond());
        if (secret != null) {
            json.put(CLIENT_SECRET, secret.value());
        }
        // RFC 7591 §3.2.1: REQUIRED if client_secret is issued; a client without a secret has none to expire.
        if (secret != null || record.credentials().secretArn() != null) {
            json.put(CLIENT_SECRET_EXPIRES_AT, record.credentials().secretExpiresAt());
        }
        if (token != null) {
            json.put(REGISTRATION_ACCESS_TOKEN, token.value());
        }
        json.put(REGISTRATION_CLIENT_URI, registrationClientUri.toString());
        return json;
    }

    /**
     * The client information with where the client stands under re-verification (RFC 7592 read and update answers;
     * RFC 7591 §3.2.1 allows extra members): {@code client_status} and {@code url_checks}, with every problem of the
     * last failed check.
     */
    public ObjectNode toJsonWithChecks() {
        ObjectNode json = toJson();
        json.put(CLIENT_STATUS, record.status().code());
        UrlChecks checks = record.checks();
        ObjectNode urlChecks = json.putObject(URL_CHECKS);
        urlChecks.put("last_checked_at", checks.lastCheckedAt() == null ? null : checks.lastCheckedAt().getEpochSecond());
        urlChecks.put("next_check_at", checks.nextCheckAt().getEpochSecond());
        urlChecks.put("consecutive_failures", checks.consecutiveFailures());
        urlChecks.put("failing_since", checks.firstFailedAt() == null ? null : checks.firstFailedAt().getEpochSecond());
        ArrayNode failing = urlChecks.putArray("problems");
        for (CheckProblem problem : checks.problems()) {
            failing.addObject().put("member", problem.member()).put("url", problem.url()).put("code", problem.code())
                    .put("kind", problem.kind().code()).put("description", problem.description());
        }
        return json;
    }

    /** {@code base/register/{client_id}}, the RFC 7592 client configuration endpoint. */
    public static URI registrationClientUri(URI publicBaseUrl, ClientId clientId) {
        String base = publicBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/register/" + clientId.value());
    }
}
