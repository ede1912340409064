package health.registration.adapters.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.connector.AuthorizationServerClient;
import health.registration.core.connector.ClientAuthentication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a real Keycloak (scripts/lib/keycloak.sh): what it writes through the admin API is what the
 * realm's token endpoint then enforces (RFC 6749 §4.1.3, §4.4; RFC 7523 §2.2). Every test has a realm of its own
 * run, removed at the end.
 */
class KeycloakAuthorizationServerClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REDIRECT = "https://app.example/callback";

    private static KeycloakAdminSession session;
    private static KeycloakAuthorizationServerClients clients;
    private static String tokenEndpoint;

    @BeforeAll
    static void createRealm() {
        String realm = "registration-it-" + UUID.randomUUID().toString().substring(0, 8);
        session = new KeycloakAdminSession(KeycloakServer.connection(realm));
        session.require("POST", "/admin/realms", JSON.createObjectNode().put("realm", realm).put("enabled", true));
        clients = new KeycloakAuthorizationServerClients(session);
        tokenEndpoint = session.connection().baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token";
    }

    @AfterAll
    static void removeRealm() {
        if (session != null) {
            session.call("DELETE", "/admin/realms/" + session.connection().realm(), null);
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

        JsonNode answer = token(Map.of("grant_type", "authorization_code", "code", "bogus", "redirect_uri", REDIRECT),
                Optional.of(basic(client.clientId(), "code-secret")));
        assertThat(answer.path("error").asText()).isEqualTo("invalid_grant");

        JsonNode wrongSecret = token(Map.of("grant_type", "authorization_code", "code", "bogus",
                "redirect_uri", REDIRECT), Optional.of(basic(client.clientId(), "not-its-secret")));
        assertThat(wrongSecret.path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void aPublicClientNeedsNoSecret() throws Exception {
        String clientId = "public-" + UUID.randomUUID();
        clients.upsert(new AuthorizationServerClient(clientId, ClientAuthentication.NONE, Optional.empty(),
                Optional.empty(), List.of(REDIRECT), Set.of("authorization_code"), true));

        JsonNode answer = token(Map.of("grant_type", "authorization_code", "client_id", clientId, "code", "bogus",
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

        assertThat(assertionGrant(clientId, key).path("access_token").asText()).isNotEmpty();
        assertThat(assertionGrant(clientId, otherKey).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
    }

    private static AuthorizationServerClient secretClient(String clientId, String secret, Set<String> grantTypes) {
        return new AuthorizationServerClient(clientId, ClientAuthentication.CLIENT_SECRET_BASIC, Optional.of(secret),
                Optional.empty(), List.of(REDIRECT), grantTypes, true);
    }

    private static JsonNode clientCredentials(String clientId, String secret) throws Exception {
        return token(Map.of("grant_type", "client_credentials"), Optional.of(basic(clientId, secret)));
    }

    /** RFC 7523 §2.2: client_credentials with a client assertion signed by the client's key. */
    private static JsonNode assertionGrant(String clientId, ECKey key) throws Exception {
        Date now = new Date();
        SignedJWT assertion = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
                        .jwtID(UUID.randomUUID().toString()).issueTime(now)
                        .expirationTime(new Date(now.getTime() + 60_000)).build());
        assertion.sign(new ECDSASigner(key));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion.serialize());
        return token(form, Optional.empty());
    }

    /** RFC 6749 §2.3.1: client_id and secret form-encoded, then Base64 in HTTP Basic. */
    private static String basic(String clientId, String secret) {
        String pair = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode token(Map<String, String> form, Optional<String> authorization)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
