package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import java.net.URI;
import java.util.Date;
import net.minidev.json.JSONObject;

/** Checks of the service's RFC 7591/7592 answers as the Nimbus SDK reads them. */
final class RegistrationAnswers {

    /** 256 random bits in base64url without padding take 43 characters. */
    static final int MIN_CREDENTIAL_LENGTH = 43;

    private RegistrationAnswers() {}

    /**
     * RFC 7591 §3.2.1: a new client's 201 carries its id, a secret that never expires, when the id was issued, a
     * registration access token and {@code PUBLIC_BASE_URL/register/{client_id}}.
     */
    static ClientInformation assertNewClient(RegistrationClient.Exchange created, URI publicBaseUrl)
            throws ParseException {
        assertThat(created.status()).as(created.http().getBody()).isEqualTo(201);
        assertThat(created.success().isForNewClient()).isTrue();
        ClientInformation client = created.information();
        String id = client.getID().getValue();
        assertThat(id).matches("[A-Za-z0-9_-]{22,64}");
        assertThat(client.getSecret()).as("client_secret").isNotNull();
        assertThat(client.getSecret().getValue()).hasSizeGreaterThanOrEqualTo(MIN_CREDENTIAL_LENGTH);
        assertThat(client.getSecret().getExpirationDate()).as("a secret that never expires").isNull();
        JSONObject body = created.http().getBodyAsJSONObject();
        assertThat(((Number) body.get("client_secret_expires_at")).longValue()).isZero();
        assertThat(client.getIDIssueDate()).as("client_id_issued_at").isCloseTo(new Date(), 120_000);
        assertThat(client.getRegistrationAccessToken()).as("registration_access_token").isNotNull();
        assertThat(client.getRegistrationAccessToken().getValue()).hasSizeGreaterThanOrEqualTo(MIN_CREDENTIAL_LENGTH)
                .isNotEqualTo(client.getSecret().getValue());
        assertThat(client.getRegistrationURI()).isEqualTo(URI.create(publicBaseUrl + "/register/" + id));
        return client;
    }

    /** RFC 6750 §3.1: 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}, read by Nimbus as such. */
    static void assertInvalidToken(RegistrationClient.Exchange refused) {
        assertThat(refused.status()).as(refused.http().getBody()).isEqualTo(401);
        assertThat(refused.http().getWWWAuthenticate()).startsWith("Bearer");
        ErrorObject error = refused.error().getErrorObject();
        assertThat(error).isInstanceOf(BearerTokenError.class);
        // Nimbus reads a bearer error from the header alone, so the ErrorObject carries no status: 401 is checked above.
        assertThat(error.getCode()).isEqualTo(BearerTokenError.INVALID_TOKEN.getCode());
    }

    /** RFC 7591 §3.2.2: a 400 whose error Nimbus reads, with a description. */
    static void assertRegistrationError(RegistrationClient.Exchange refused, String code) {
        assertThat(refused.status()).as(refused.http().getBody()).isEqualTo(400);
        ErrorObject error = refused.error().getErrorObject();
        assertThat(error.getCode()).as(refused.http().getBody()).isEqualTo(code);
        assertThat(error.getHTTPStatusCode()).isEqualTo(400);
        assertThat(error.getDescription()).isNotBlank();
    }
}
