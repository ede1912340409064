package health.registration.local;

import static health.registration.adapters.keycloak.KeycloakTestRealm.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import health.registration.local.LocalApiCalls.Answer;
import health.registration.local.LocalApiCalls.Registered;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.keycloak.KeycloakAuthorizationServerClients;
import health.registration.adapters.keycloak.KeycloakTestRealm;
import health.registration.adapters.keycloak.KeycloakTestRealm.Call;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.ChangeEventConnector;
import health.registration.core.connector.ClientAuthentication;
import health.registration.core.connector.ClientReconcile;
import health.registration.core.connector.ConnectorOutcome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Keycloak connector end to end (docs/operations/authorization-server.md, "Keycloak"): the local API with
 * {@code KEYCLOAK_BASE_URL} set delivers its change events to a realm of the real Keycloak scripts/test starts
 * (scripts/lib/keycloak.sh), and what a registration, a suspension, a reinstatement, an RFC 7592 update and a
 * deletion, and an operator's {@code client_secret_basic} or {@code private_key_jwt} client (RFC 7523 §2.2) do through
 * the API is what Keycloak's token endpoint then enforces (RFC 6749 §4.1.3, §4.4), within
 * {@link KeycloakTestRealm#WITHIN}. A reconcile repairs the realm after events were lost. Fixture sites on 127.0.0.137.
 */
class KeycloakConnectorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR_TOKEN = "keycloak-it-" + Long.toHexString(System.nanoTime()) + "-local-token";

    private static LocalRegistrationService service;
    private static KeycloakTestRealm keycloak;
    private static KeycloakAuthorizationServerClients realm;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakTestRealm.named("registration-connector-it-");
        realm = keycloak.clients();
        Map<String, String> environment = new HashMap<>(keycloak.environment());
        environment.put(OperatorGuard.TOKEN_VARIABLE, OPERATOR_TOKEN);
        environment.put("EVENT_BUS_NAME", keycloak.name());
        service = LocalRegistrationService.start("keycloak-connector-it", "127.0.0.137", "keycloak", 4, environment);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aRegisteredClientAuthenticatesWithItsSecretUntilSuspendedAgainAfterReinstatementAndUpdatesShow()
            throws Exception {
        ObjectNode metadata = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        Registered registered = LocalApiCalls.register(service.api().baseUri(), metadata);
        String clientId = registered.clientId();
        String secret = registered.secret();
        String token = registered.registrationAccessToken();
        String redirect = metadata.path("redirect_uris").get(0).asText();

        // RFC 6749 §4.1.3: the client is authenticated, so only its made-up code is refused.
        awaitError(() -> bogusCode(clientId, secret, redirect), "invalid_grant");
        assertThat(bogusCode(clientId, "not-the-issued-secret-0123456789", redirect).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");

        Answer suspended = send("POST", "/operator/clients/" + clientId + "/suspend", null, OPERATOR_TOKEN);
        assertThat(suspended.status()).as(suspended.json().toString()).isEqualTo(200);
        awaitError(() -> bogusCode(clientId, secret, redirect), "unauthorized_client", "invalid_client");

        Answer reinstated = send("POST", "/operator/clients/" + clientId + "/reinstate", null, OPERATOR_TOKEN);
        assertThat(reinstated.status()).as(reinstated.json().toString()).isEqualTo(200);
        awaitError(() -> bogusCode(clientId, secret, redirect), "invalid_grant");

        String added = redirect.replace("/callback", "/page/v2-callback"); // hosted: the review probes it
        ObjectNode update = metadata.deepCopy().put("client_id", clientId);
        update.putArray("redirect_uris").add(redirect).add(added);
        Answer updated = send("PUT", "/register/" + clientId, update, token);
        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        token = updated.json().path("registration_access_token").asText(token);
        await(() -> redirectUris(clientId), uris -> uris.contains(added), "the new redirect URI at Keycloak");
        awaitError(() -> bogusCode(clientId, secret, added), "invalid_grant");

        Answer deleted = send("DELETE", "/register/" + clientId, null, token);
        assertThat(deleted.status()).as(deleted.json().toString()).isEqualTo(204);
        await(() -> realm.find(clientId), Optional::isEmpty, "the client gone from Keycloak");
        assertThat(bogusCode(clientId, secret, redirect).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
    }

    @Test
    void anOperatorsClientCredentialsClientGetsAnAccessToken() throws Exception {
        ObjectNode metadata = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        metadata.remove("response_types");
        metadata.putArray("grant_types").add("client_credentials");
        metadata.put("token_endpoint_auth_method", "client_secret_basic");
        Answer created = send("POST", "/operator/clients", metadata, OPERATOR_TOKEN);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String clientId = created.json().path("client_id").asText();
        String secret = created.json().path("client_secret").asText();

        JsonNode answer = await(() -> token(Map.of("grant_type", "client_credentials"), clientId, secret),
                json -> json.has("access_token"), "an access token for the manual client");
        assertThat(answer.path("token_type").asText()).isEqualToIgnoringCase("bearer");
    }

    @Test
    void anOperatorsPrivateKeyJwtClientAuthenticatesWithAnAssertionSignedByItsKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ObjectNode metadata = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        metadata.remove("response_types");
        metadata.putArray("grant_types").add("client_credentials");
        metadata.put("token_endpoint_auth_method", "private_key_jwt");
        metadata.set("jwks", JSON.readTree(new JWKSet(key.toPublicJWK()).toString()));
        Answer created = send("POST", "/operator/clients", metadata, OPERATOR_TOKEN);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String clientId = created.json().path("client_id").asText();

        // RFC 7523 §2.2: the assertion is checked against the keys the client registered.
        await(() -> keycloak.assertionGrant(clientId, key), json -> json.has("access_token"),
                "an access token for an assertion signed by the registered key");
        assertThat(keycloak.assertionGrant(clientId, otherKey).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
    }

    @Test
    void aReconcileRepairsTheRealmAfterEventsWereLost() throws Exception {
        ObjectNode metadata = RegistrationMetadata.jsonHostedOn(service.sites().nextHost());
        Registered registered = LocalApiCalls.register(service.api().baseUri(), metadata);
        String clientId = registered.clientId();
        String secret = registered.secret();
        String redirect = metadata.path("redirect_uris").get(0).asText();
        await(() -> realm.find(clientId), Optional::isPresent, "the registered client at Keycloak");

        // Behind the connector's back: the client removed, and one the registry never had added.
        assertThat(realm.delete(clientId)).isTrue();
        String stranger = "unknown-" + UUID.randomUUID();
        realm.upsert(new AuthorizationServerClient(stranger, ClientAuthentication.CLIENT_SECRET_BASIC,
                Optional.of("a-secret-the-registry-never-issued"), Optional.empty(), List.of(redirect),
                Set.of("client_credentials"), true, 1));

        EmulatorRecords records = service.records();
        DynamoClientStore registry = new DynamoClientStore(records.dynamoDbRequests(), records.table());
        ClientReconcile reconcile = new ClientReconcile(registry, realm,
                new ChangeEventConnector(registry, realm, new SecretsManagerSecretStore(records.secretsManagerRequests(),
                        records.secretPrefix(), Optional.empty())));
        assertThat(reconcile.run()).extracting(ConnectorOutcome::clientId).contains(clientId, stranger);

        assertThat(realm.find(stranger)).isEmpty();
        assertThat(bogusCode(clientId, secret, redirect).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(reconcile.run()).as("in step now").isEmpty();
    }

    private static JsonNode bogusCode(String clientId, String secret, String redirect) throws Exception {
        return token(Map.of("grant_type", "authorization_code", "code", "not-a-code-" + UUID.randomUUID(),
                "redirect_uri", redirect), clientId, secret);
    }

    private static List<String> redirectUris(String clientId) {
        JsonNode found = keycloak.admin().require("GET", "/admin/realms/" + keycloak.name()
                + "/clients?search=false&clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8), null).body();
        List<String> uris = new ArrayList<>();
        found.forEach(client -> client.path("redirectUris").forEach(uri -> uris.add(uri.asText())));
        return uris;
    }

    private static JsonNode token(Map<String, String> form, String clientId, String secret) throws Exception {
        return keycloak.token(form, Optional.of(KeycloakTestRealm.basic(clientId, secret)));
    }

    private static void awaitError(Call<JsonNode> call, String... errors) throws Exception {
        List<String> expected = List.of(errors);
        await(call, json -> expected.contains(json.path("error").asText()), "token endpoint error " + expected);
    }

    private static Answer send(String method, String path, JsonNode body, String token) throws Exception {
        return LocalApiCalls.send(service.api().baseUri(), method, path, body, token);
    }
}
