package health.registration.adapters.keycloak;

import static health.registration.adapters.keycloak.KeycloakTestRealm.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.ClientAuthentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a real Keycloak (scripts/lib/keycloak.sh): what it writes through the admin API is what the
 * realm's token endpoint then enforces (RFC 6749 §4.1.3, §4.4; RFC 7523 §2.2). Every test has a realm of its own
 * run, removed at the end.
 */
class KeycloakAuthorizationServerClientsIT {

    private static final String REDIRECT = "https://app.example/callback";

    private static KeycloakTestRealm realm;
    private static KeycloakAuthorizationServerClients clients;

    @BeforeAll
    static void createRealm() {
        realm = KeycloakTestRealm.named("registration-it-").create();
        clients = realm.clients();
    }

    @AfterAll
    static void removeRealm() {
        if (realm != null) {
            realm.close();
        }
    }

    @Test
    void aConfidentialClientGetsATokenWithItsIssuedSecretUntilDisabledOrDeleted() throws Exception {
        AuthorizationServerClient client = secretClient("cc-" + UUID.randomUUID(), "issued-secret-1",
                Set.of("client_credentials"));
        clients.upsert(client);

        assertThat(clientCredentials(client.clientId(), "issued-secret-1").path("access_token").asText()).isNotEmpty();
        assertThat(clientCredentials(client.clientId(), "a-wrong-secret").path("error").asText())
                .isEqualTo("unauthorized_client");

        assertThat(clients.setEnabled(client.clientId(), false)).isTrue();
        assertThat(clientCredentials(client.clientId(), "issued-secret-1").path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
        assertThat(clients.list()).contains(new AuthorizationServerClient.Listed(client.clientId(), false));

        assertThat(clients.setEnabled(client.clientId(), true)).isTrue();
        assertThat(clientCredentials(client.clientId(), "issued-secret-1").path("access_token").asText()).isNotEmpty();

        assertThat(clients.delete(client.clientId())).isTrue();
        assertThat(clientCredentials(client.clientId(), "issued-secret-1").path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
        assertThat(clients.list()).extracting(AuthorizationServerClient.Listed::clientId)
                .doesNotContain(client.clientId());
        assertThat(clients.delete(client.clientId())).isFalse();
        assertThat(clients.setEnabled(client.clientId(), true)).isFalse();
    }

    @Test
    void keepsTheVersionAClientWasWrittenWith() {
        AuthorizationServerClient at = secretClient("versioned-" + UUID.randomUUID(), "issued-secret-v",
                Set.of("client_credentials"));
        clients.upsert(new AuthorizationServerClient(at.clientId(), at.authentication(), at.secret(), at.jwks(),
                at.redirectUris(), at.grantTypes(), true, 7));

        assertThat(clients.find(at.clientId())).contains(new AuthorizationServerClient.Listed(at.clientId(), true, 7));
        assertThat(clients.setEnabled(at.clientId(), false)).isTrue();
        assertThat(clients.find(at.clientId())).as("enabling keeps the version")
                .contains(new AuthorizationServerClient.Listed(at.clientId(), false, 7));
        assertThat(clients.list()).contains(new AuthorizationServerClient.Listed(at.clientId(), false, 7));
        assertThat(clients.find("admin-cli")).as("Keycloak's own client is not this service's").isEmpty();
        assertThat(clients.find("never-" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void anUpsertReplacesTheSecretAndGrantTypes() throws Exception {
        String clientId = "rotated-" + UUID.randomUUID();
        clients.upsert(secretClient(clientId, "first-secret", Set.of("client_credentials")));
        clients.upsert(secretClient(clientId, "second-secret", Set.of("client_credentials")));

        assertThat(clientCredentials(clientId, "first-secret").path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(clientCredentials(clientId, "second-secret").path("access_token").asText()).isNotEmpty();

        clients.upsert(secretClient(clientId, "second-secret", Set.of("authorization_code")));
        assertThat(clientCredentials(clientId, "second-secret").path("error").asText())
                .isEqualTo("unauthorized_client");
    }

    @Test
    void anAuthorizationCodeClientIsAuthenticatedAndOnlyItsBogusCodeIsRefused() throws Exception {
        AuthorizationServerClient client = secretClient("code-" + UUID.randomUUID(), "code-secret",
                Set.of("authorization_code", "refresh_token"));
        clients.upsert(client);

        JsonNode answer = realm.token(Map.of("grant_type", "authorization_code", "code", "bogus",
                "redirect_uri", REDIRECT), Optional.of(basic(client.clientId(), "code-secret")));
        assertThat(answer.path("error").asText()).isEqualTo("invalid_grant");

        JsonNode wrongSecret = realm.token(Map.of("grant_type", "authorization_code", "code", "bogus",
                "redirect_uri", REDIRECT), Optional.of(basic(client.clientId(), "not-its-secret")));
        assertThat(wrongSecret.path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void aPublicClientNeedsNoSecret() throws Exception {
        String clientId = "public-" + UUID.randomUUID();
        clients.upsert(new AuthorizationServerClient(clientId, ClientAuthentication.NONE, Optional.empty(),
                Optional.empty(), List.of(REDIRECT), Set.of("authorization_code"), true));

        JsonNode answer = realm.token(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", "bogus",
                "redirect_uri", REDIRECT), Optional.empty());
        assertThat(answer.path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void aPrivateKeyJwtClientAuthenticatesWithAnAssertionSignedByItsKey() throws Exception {
        String clientId = "jwt-" + UUID.randomUUID();
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        clients.upsert(new AuthorizationServerClient(clientId, ClientAuthentication.PRIVATE_KEY_JWT,
                Optional.empty(), Optional.of(new JWKSet(key.toPublicJWK()).toString()),
                List.of(), Set.of("client_credentials"), true));

        assertThat(realm.assertionGrant(clientId, key).path("access_token").asText()).isNotEmpty();
        assertThat(realm.assertionGrant(clientId, otherKey).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
    }

    private static AuthorizationServerClient secretClient(String clientId, String secret, Set<String> grantTypes) {
        return new AuthorizationServerClient(clientId, ClientAuthentication.CLIENT_SECRET_BASIC, Optional.of(secret),
                Optional.empty(), List.of(REDIRECT), grantTypes, true);
    }

    private static JsonNode clientCredentials(String clientId, String secret) throws Exception {
        return realm.token(Map.of("grant_type", "client_credentials"), Optional.of(basic(clientId, secret)));
    }
}
