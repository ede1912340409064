package health.registration.core.issue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/**
 * The client information response (RFC 7591 §3.2.1, RFC 7592 §3): the registered metadata plus what the server
 * issued. The secret and the token appear only when given (at registration; the token again after an update).
 *
 * @param record                the client as stored
 * @param secret                the client secret to show, or null
 * @param token                 the registration access token to show, or null
 * @param registrationClientUri {@code PUBLIC_BASE_URL/register/{client_id}}
 */
public record ClientInformation(ClientRecord record, ClientSecret secret, RegistrationAccessToken token,
                                URI registrationClientUri) {

    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String CLIENT_ID_ISSUED_AT = "client_id_issued_at";
    public static final String CLIENT_SECRET_EXPIRES_AT = "client_secret_expires_at";
    public static final String REGISTRATION_ACCESS_TOKEN = "registration_access_token";
    public static final String REGISTRATION_CLIENT_URI = "registration_client_uri";

    /** Members only the server sets; a registration request that carries them has them ignored. */
    public static final List<String> SERVER_MEMBERS = List.of(CLIENT_ID, CLIENT_SECRET, CLIENT_ID_ISSUED_AT,
            CLIENT_SECRET_EXPIRES_AT, REGISTRATION_ACCESS_TOKEN, REGISTRATION_CLIENT_URI);

    public ObjectNode toJson() {
        ObjectNode json = record.metadata().toJson();
        json.put(CLIENT_ID, record.clientId().value());
        json.put(CLIENT_ID_ISSUED_AT, record.credentials().issuedAt().getEpochSecond());
        if (secret != null) {
            json.put(CLIENT_SECRET, secret.value());
        }
        json.put(CLIENT_SECRET_EXPIRES_AT, record.credentials().secretExpiresAt());
        if (token != null) {
            json.put(REGISTRATION_ACCESS_TOKEN, token.value());
        }
        json.put(REGISTRATION_CLIENT_URI, registrationClientUri.toString());
        return json;
    }

    /** {@code base/register/{client_id}}, the RFC 7592 client configuration endpoint. */
    public static URI registrationClientUri(URI publicBaseUrl, ClientId clientId) {
        String base = publicBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/register/" + clientId.value());
    }
}
