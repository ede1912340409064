package health.registration.local;

import static health.registration.local.UdapClient.Grant.AUTHORIZATION_CODE;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Software statements that fail exactly one check of the UDAP path (UDAP DCR §4.1–4.4, IG STU2 §3.1 and general
 * §7.1; as Inferno's registration group sends them), each from a new client, with the error code UDAP DCR §5.2 and RFC
 * 7591 §3.2.2 give it, a phrase of the description that names the check, and for trust checks the CRL path the fixture
 * must have been asked for.
 */
enum UdapRefusal {
    INFERNO_X_2_01_ISS_NOT_A_SAN_URI("invalid_software_statement", "iss must be one of the uniformResourceIdentifier entries", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("iss", "invalid_iss").put("sub", "invalid_iss"))),
    INFERNO_X_2_02_SIGNED_BY_ANOTHER_KEY("invalid_software_statement", "signature does not verify", null, (clients, aud) -> {
        UdapClient client = clients.rsa();
        return client.signWithRandomKey(client.claims(CLIENT_CREDENTIALS, aud));
    }),
    SUB_IS_NOT_ISS("invalid_software_statement", "sub must equal its iss", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("sub", c.get("iss").asText() + "/other"))),
    AUD_IS_ANOTHER_ENDPOINT("invalid_software_statement", "aud must be this server", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("aud", aud.replace("/register", "/oauth/token")))),
    AUD_WITH_A_TRAILING_SLASH("invalid_software_statement", "aud must be this server", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("aud", aud + "/"))),
    LIFETIME_OF_301_SECONDS("invalid_software_statement", "no more than 300 seconds", null, (clients, aud) -> signedAt(clients.rsa(), aud,
            Instant.now().minusSeconds(1), c -> c.put("exp", c.get("iat").asLong() + 301))),
    EXPIRED_STATEMENT("invalid_software_statement", "has expired", null,
            (clients, aud) -> signedAt(clients.rsa(), aud, Instant.now().minusSeconds(400), c -> { })),
    ISSUED_TWO_MINUTES_AHEAD("invalid_software_statement", "iat must not be in the future", null,
            (clients, aud) -> signedAt(clients.rsa(), aud, Instant.now().plusSeconds(120), c -> { })),
    // Input bounds (policy section 8): each a 400, never a 5xx, and decided before any costly work.
    EXP_1E999999999("invalid_software_statement", "exp is required and must be a whole number", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("exp", new BigDecimal("1e999999999")))),
    EXP_WITH_A_FRACTION("invalid_software_statement", "exp is required and must be a whole number", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("exp", new BigDecimal(c.get("exp").asLong() + ".5")))),
    IAT_AS_A_STRING("invalid_software_statement", "iat is required and must be a whole number", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("iat", c.get("iat").asText()))),
    A_NUMBER_OF_TEN_THOUSAND_DIGITS("invalid_software_statement", "no number longer than 100", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.put("software_version", new BigInteger("9".repeat(10_000))))),
    SIX_CERTIFICATES_IN_X5C("invalid_software_statement", "x5c must hold at most 5 certificates", null,
            (clients, aud) -> signed(clients.withSixCertificates(), aud, c -> { })),
    SIGNED_BY_A_CA_CERTIFICATE("unapproved_software_statement", "must be signed by an end-entity certificate", null,
            (clients, aud) -> signed(clients.caSigner(), aud, c -> { })),
    WITHOUT_JTI("invalid_software_statement", "jti must be a non-empty string", null, (clients, aud) -> signed(clients.rsa(), aud, c -> c.remove("jti"))),
    EXPIRED_CERTIFICATE("unapproved_software_statement", "has expired or is not yet valid", null, (clients, aud) -> signed(clients.expired(), aud, c -> { })),
    UNTRUSTED_ROOT("unapproved_software_statement", "does not lead to a trust anchor", null, (clients, aud) -> signed(clients.untrusted(), aud, c -> { })),
    REVOKED_CERTIFICATE("unapproved_software_statement", "has a revoked certificate", UdapTestPki.INTERMEDIATE_CRL,
            (clients, aud) -> signed(clients.revoked(), aud, c -> { })),
    CRL_ANSWERING_404("unapproved_software_statement", "revocation status could not be determined", UdapTestPki.UNAVAILABLE_CRL,
            (clients, aud) -> signed(clients.withUnavailableCrl(), aud, c -> { })),
    CLIENT_CREDENTIALS_WITH_REDIRECT_URIS("invalid_redirect_uri", "redirect_uris must be absent with client_credentials", null, (clients, aud) -> signed(clients.rsa(), aud,
            c -> c.putArray("redirect_uris").add(c.get("client_uri").asText().replace("/page/home", "/callback")))),
    AUTHORIZATION_CODE_WITHOUT_REDIRECT_URIS("invalid_redirect_uri", "redirect_uris is required", null, (clients, aud) -> {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(AUTHORIZATION_CODE, aud);
        claims.remove("redirect_uris");
        return client.sign(claims);
    }),
    WITHOUT_SCOPE("invalid_client_metadata", "scope is required", null, (clients, aud) -> signed(clients.rsa(), aud, c -> c.remove("scope"))),
    CLIENT_CREDENTIALS_WITH_A_SECRET_METHOD("invalid_client_metadata", "token_endpoint_auth_method must be private_key_jwt", null, (clients, aud) -> signed(clients.rsa(), aud,
            c -> c.put("token_endpoint_auth_method", "client_secret_basic"))),
    CANCELLING_WHAT_WAS_NEVER_REGISTERED("invalid_client_metadata", "cancels a registration", null,
            (clients, aud) -> signed(clients.rsa(), aud, c -> c.putArray("grant_types")));

    private final String code;
    private final String phrase;
    private final String crlPath;
    private final BiFunction<UdapClients, String, String> statement;

    UdapRefusal(String code, String phrase, String crlPath, BiFunction<UdapClients, String, String> statement) {
        this.code = code;
        this.phrase = phrase;
        this.crlPath = crlPath;
        this.statement = statement;
    }

    /** The RFC 7591 / UDAP error code of the 400 answer. */
    String code() {
        return code;
    }

    /** What error_description says: the check that failed, in the service's words. */
    String phrase() {
        return phrase;
    }

    /** For trust checks, the CRL the server must have fetched from the fixture to decide. */
    Optional<String> crlPath() {
        return Optional.ofNullable(crlPath);
    }

    /** A new statement failing this check alone, from a new client; {@code aud} is the registration endpoint. */
    String statement(UdapClients clients, String aud) {
        return statement.apply(clients, aud);
    }

    /** Valid client-credentials claims issued now, changed as the row says, signed by the client. */
    private static String signed(UdapClient client, String aud, Consumer<ObjectNode> change) {
        return signedAt(client, aud, Instant.now(), change);
    }

    private static String signedAt(UdapClient client, String aud, Instant issuedAt, Consumer<ObjectNode> change) {
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud, issuedAt);
        change.accept(claims);
        return client.sign(claims);
    }
}
