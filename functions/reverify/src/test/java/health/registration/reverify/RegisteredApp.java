package health.registration.reverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.IdempotentRegistration;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.model.ClientMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An app registered for real (policy, probing of its five URLs, DynamoDB and Secrets Manager writes), with what the
 * registration answered: its id, and the secret and registration access token that must never appear in an event.
 *
 * @param clientId the issued client_id
 * @param secret   the issued client_secret
 * @param token    the registration access token
 * @param site     where its own pages are ({@code https://host} or {@code https://host/path}): client_uri is
 *                 {@code site/home}, its redirect URI {@code site/callback}
 * @param logo     its logo_uri
 * @param terms    its tos_uri
 * @param privacy  its policy_uri
 */
record RegisteredApp(String clientId, String secret, String token, String site, String logo, String terms, String privacy) {

    static final String CONTACT = "developer@example.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Registers an app whose five URLs are all on {@code host}. */
    static RegisteredApp register(IdempotentRegistration registration, String host) {
        return at(registration, "https://" + host);
    }

    /** Registers an app whose five URLs are all under {@code site}. */
    static RegisteredApp at(IdempotentRegistration registration, String site) {
        return at(registration, site, site + "/logo.png", site + "/terms", site + "/privacy");
    }

    /** Registers an app with its own pages under {@code site} and the given logo, terms and policy URLs. */
    static RegisteredApp at(IdempotentRegistration registration, String site, String logo, String terms, String privacy) {
        RegistrationOutcome outcome = registration.register(ClientMetadata.of(metadata(site, logo, terms, privacy)), null, null);
        if (!(outcome instanceof RegistrationOutcome.Registered registered)) {
            throw new AssertionError("the fixture app at " + site + " was not registered: " + outcome);
        }
        try {
            JsonNode answer = JSON.readTree(registered.answer());
            return new RegisteredApp(registered.clientId(), answer.path("client_secret").asText(),
                    answer.path("registration_access_token").asText(), site, logo, terms, privacy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode metadata(String site, String logo, String terms, String privacy) {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("client_name", "App at " + site);
        metadata.putArray("redirect_uris").add(site + "/callback");
        metadata.put("client_uri", site + "/home");
        metadata.put("logo_uri", logo);
        metadata.putArray("contacts").add(CONTACT);
        metadata.put("tos_uri", terms);
        metadata.put("policy_uri", privacy);
        metadata.putArray("grant_types").add("authorization_code");
        metadata.putArray("response_types").add("code");
        metadata.put("token_endpoint_auth_method", "client_secret_basic");
        return metadata;
    }

    ClientId id() {
        return new ClientId(clientId);
    }

    String home() {
        return site + "/home";
    }

    String callback() {
        return site + "/callback";
    }

    /** The metadata as registered, as an RFC 7592 update would send it back: with its own client_id. */
    ObjectNode updateRequest() {
        return metadata(site, logo, terms, privacy).put("client_id", clientId);
    }
}
