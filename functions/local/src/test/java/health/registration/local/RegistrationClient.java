package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientDeleteRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientReadRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.client.ClientUpdateRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.minidev.json.JSONObject;

/**
 * The Nimbus OAuth 2.0 SDK as an RFC 7591/7592 client of the local API: it builds every request
 * ({@code ClientRegistrationRequest}, {@code ClientReadRequest}, {@code ClientUpdateRequest},
 * {@code ClientDeleteRequest}), sends it with {@code HTTPRequest.send()} and parses every answer with
 * {@code ClientRegistrationResponse.parse}. Every secret and token it is answered with goes to {@link IssuedCredentials}.
 */
final class RegistrationClient {

    /** A registration probes five URLs and writes to the emulator; a burst queues behind eight containers. */
    private static final int READ_TIMEOUT_MS = (int) Duration.ofSeconds(120).toMillis();
    private static final int CONNECT_TIMEOUT_MS = (int) Duration.ofSeconds(5).toMillis();

    /** Members of the client information response that Nimbus takes out of the metadata when it parses it. */
    private static final List<String> SERVER_MEMBERS = List.of("client_id_issued_at", "client_secret_expires_at",
            "registration_client_uri", "registration_access_token");

    private final URI registrationEndpoint;
    private final IssuedCredentials issued;

    RegistrationClient(URI baseUri, IssuedCredentials issued) {
        this.registrationEndpoint = baseUri.resolve("/register");
        this.issued = issued;
    }

    /** What was answered: the wire form and Nimbus's reading of it. */
    record Exchange(HTTPResponse http, ClientRegistrationResponse parsed) {

        int status() {
            return http.getStatusCode();
        }

        /** The client information response, failing when the answer was an error. */
        ClientInformationResponse success() {
            assertThat(parsed).as("HTTP %d: %s", http.getStatusCode(), http.getBody())
                    .isInstanceOf(ClientInformationResponse.class);
            return (ClientInformationResponse) parsed;
        }

        ClientInformation information() {
            return success().getClientInformation();
        }

        /** The error response, failing when the answer was a success. */
        ClientRegistrationErrorResponse error() {
            assertThat(parsed).as("HTTP %d: %s", http.getStatusCode(), http.getBody())
                    .isInstanceOf(ClientRegistrationErrorResponse.class);
            return (ClientRegistrationErrorResponse) parsed;
        }
    }

    /** POST /register (RFC 7591 §3.1). */
    Exchange register(ClientMetadata metadata) throws IOException, ParseException {
        return register(metadata, null);
    }

    /** POST /register with an {@code Idempotency-Key} (none when null). */
    Exchange register(ClientMetadata metadata, String idempotencyKey) throws IOException, ParseException {
        HTTPRequest request = new ClientRegistrationRequest(registrationEndpoint, metadata, null).toHTTPRequest();
        if (idempotencyKey != null) {
            request.setHeader("Idempotency-Key", idempotencyKey);
        }
        return exchange(request);
    }

    /** GET registration_client_uri (RFC 7592 §2.1). */
    Exchange read(URI clientUri, BearerAccessToken token) throws IOException, ParseException {
        return exchange(new ClientReadRequest(clientUri, token).toHTTPRequest());
    }

    /** PUT registration_client_uri (RFC 7592 §2.2), with client_id and, as the RFC allows, the current secret. */
    Exchange update(ClientInformation client, BearerAccessToken token, ClientMetadata metadata)
            throws IOException, ParseException {
        return exchange(new ClientUpdateRequest(client.getRegistrationURI(), client.getID(), token, metadata,
                client.getSecret()).toHTTPRequest());
    }

    /**
     * PUT registration_client_uri as OAuth libraries that keep the last answer do it: everything that answer carried,
     * the server's own members included ({@code client_id_issued_at}, {@code registration_access_token}, …, and
     * {@code client_status}, {@code url_checks}, which Nimbus keeps as custom fields), changed as {@code change}
     * says, with the token that answer carried as the bearer.
     */
    Exchange updateSendingBack(Exchange answered, Consumer<ClientMetadata> change) throws IOException, ParseException {
        JSONObject body = answered.http().getBodyAsJSONObject();
        ClientInformation information = answered.information();
        ClientMetadata metadata = ClientMetadata.parse(body);
        for (String member : SERVER_MEMBERS) {
            if (body.containsKey(member)) {
                metadata.setCustomField(member, body.get(member));
            }
        }
        change.accept(metadata);
        return exchange(new ClientUpdateRequest(information.getRegistrationURI(), information.getID(),
                information.getRegistrationAccessToken(), metadata, null).toHTTPRequest());
    }

    /** DELETE registration_client_uri (RFC 7592 §2.3); a success has no body for Nimbus to parse. */
    HTTPResponse delete(URI clientUri, BearerAccessToken token) throws IOException {
        return send(new ClientDeleteRequest(clientUri, token).toHTTPRequest());
    }

    private Exchange exchange(HTTPRequest request) throws IOException, ParseException {
        HTTPResponse response = send(request);
        if (response.getStatusCode() / 100 == 2) {
            issued.recordAnswer(response.getBodyAsJSONObject());
        }
        return new Exchange(response, ClientRegistrationResponse.parse(response));
    }

    private static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout(CONNECT_TIMEOUT_MS);
        request.setReadTimeout(READ_TIMEOUT_MS);
        return request.send();
    }
}
