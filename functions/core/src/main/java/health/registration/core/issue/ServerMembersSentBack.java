package health.registration.core.issue;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The members of the client information response (RFC 7592 §3) that only the server sets, in an RFC 7592 §2.2 update.
 * RFC 7592 §2.2 says a client must not send them, yet OAuth libraries send back what they read; so each may be sent
 * with the value the server holds or answered, and is then ignored: {@code client_id_issued_at} and
 * {@code client_secret_expires_at} as the stored numbers, {@code registration_client_uri} as computed and
 * {@code registration_access_token} as the bearer token of this very request. Any other value is refused, naming the
 * member and never echoing the value.
 */
final class ServerMembersSentBack {

    private final Map<String, Predicate<JsonNode>> unchanged;

    /**
     * @param client                the client as stored
     * @param bearerToken           the registration access token the update is authorized with
     * @param registrationClientUri the client's configuration endpoint, as answered
     */
    ServerMembersSentBack(ClientRecord client, String bearerToken, URI registrationClientUri) {
        Credentials credentials = client.credentials();
        this.unchanged = Map.of(
                ClientInformation.REGISTRATION_ACCESS_TOKEN, sent -> sent.isTextual() && bearerToken != null
                        && MessageDigest.isEqual(sent.textValue().getBytes(StandardCharsets.UTF_8),
                                bearerToken.getBytes(StandardCharsets.UTF_8)),
                ClientInformation.REGISTRATION_CLIENT_URI, sent -> sent.isTextual()
                        && sent.textValue().equals(registrationClientUri.toString()),
                ClientInformation.CLIENT_SECRET_EXPIRES_AT, sent -> sameNumber(sent, credentials.secretExpiresAt()),
                ClientInformation.CLIENT_ID_ISSUED_AT, sent -> sameNumber(sent, credentials.issuedAt().getEpochSecond()));
    }

    /** One invalid_request per member sent with a value other than the server's, in the order of RFC 7592 §2.2. */
    List<Violation> problems(ClientMetadata requested) {
        List<Violation> problems = new ArrayList<>();
        for (String member : List.of(ClientInformation.REGISTRATION_ACCESS_TOKEN, ClientInformation.REGISTRATION_CLIENT_URI,
                ClientInformation.CLIENT_SECRET_EXPIRES_AT, ClientInformation.CLIENT_ID_ISSUED_AT)) {
            Optional<JsonNode> sent = requested.get(member);
            if (sent.isPresent() && !unchanged.get(member).test(sent.get())) {
                problems.add(Violation.error(FieldPointer.of(member), RegistrationErrorCode.INVALID_REQUEST, member
                        + " is set by the server and cannot be changed: leave it out of an update or send it back as"
                        + " answered (RFC 7592 section 2.2)"));
            }
        }
        return problems;
    }

    /** An integer equal to the number kept: {@code 1.7e9} or {@code "1700000000"} is not the number answered. */
    private static boolean sameNumber(JsonNode sent, long kept) {
        return sent.isIntegralNumber() && sent.canConvertToLong() && sent.longValue() == kept;
    }
}
