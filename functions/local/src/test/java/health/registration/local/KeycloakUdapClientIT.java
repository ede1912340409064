package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import health.registration.adapters.keycloak.KeycloakAdminSession;
import health.registration.adapters.keycloak.KeycloakAuthorizationServerClients;
import health.registration.adapters.keycloak.KeycloakConnection;
import health.registration.core.udap.TestKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A UDAP client at Keycloak, end to end: registered through the local API with UDAP on (UDAP DCR §3, a software
 * statement signed with its certificate's key), delivered to a realm of the real Keycloak scripts/test starts
 * (scripts/lib/keycloak.sh) by the local connector, it authenticates at the realm's token endpoint with a client
 * assertion (RFC 7523 §2.2) signed by the private key of the certificate bound at registration, with the chain in
 * {@code x5c} as UDAP IG STU2 §3.1 (B2B) sends it, and gets an access token for {@code client_credentials}; an
 * assertion signed by another key is refused; its cancellation (an empty {@code grant_types}, UDAP DCR §6) removes
 * it from the realm. Fixture sites on 127.0.0.152.
 */
class KeycloakUdapClientIT {

    /** How soon a change through the API shows at Keycloak (the local target: 5 seconds). */
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static LocalUdapService service;
    private static KeycloakAdminSession admin;
    private static KeycloakAuthorizationServerClients realm;
    private static String tokenEndpoint;

    @BeforeAll
    static void start() throws Exception {
        String realmName = "registration-udap-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> keycloak = new HashMap<>();
        keycloak.put(KeycloakConnection.BASE_URL, requiredEnvironment(KeycloakConnection.BASE_URL));
        keycloak.put(KeycloakConnection.ADMIN_USERNAME, requiredEnvironment(KeycloakConnection.ADMIN_USERNAME));
        keycloak.put(KeycloakConnection.ADMIN_PASSWORD, requiredEnvironment(KeycloakConnection.ADMIN_PASSWORD));
        keycloak.put(KeycloakConnection.REALM, realmName);
        keycloak.put("EVENT_BUS_NAME", realmName);
        service = LocalUdapService.start("keycloak-udap-it", "127.0.0.152", 4, (work, baseUrl, pki) -> keycloak);
        admin = new KeycloakAdminSession(KeycloakConnection.fromEnvironment(keycloak).orElseThrow());
        realm = new KeycloakAuthorizationServerClients(admin);
        tokenEndpoint = admin.connection().baseUrl() + "/realms/" + realmName + "/protocol/openid-connect/token";
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (admin != null) {
            admin.call("DELETE", "/admin/realms/" + admin.connection().realm(), null);
        }
    }

    private static String requiredEnvironment(String name) {
        String value = System.getenv(name);
        assertThat(value).as(name + " (run through scripts/test, which starts Keycloak)").isNotBlank();
        return value;
    }

    @Test
    void aUdapClientAuthenticatesWithAnAssertionSignedByItsCertificatesKeyUntilCancelled() throws Exception {
        UdapClient client = new UdapClients(service.pki(), service.sites()).rsa();
        String statement = client.sign(client.claims(UdapClient.Grant.CLIENT_CREDENTIALS,
                service.registrationEndpoint()));
        HttpResponse<String> registered = service.register(UdapClient.body(statement));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();

        JsonNode granted = await(() -> assertionGrant(clientId, client.credential().privateKey(), client.x5c()),
                json -> json.has("access_token"), "an access token for an assertion signed by the certificate's key");
        assertThat(granted.path("token_type").asText()).isEqualToIgnoringCase("bearer");
        assertThat(assertionGrant(clientId, TestKeys.rsa().getPrivate(), client.x5c()).path("error").asText())
                .as("an assertion signed by another key").isIn("unauthorized_client", "invalid_client");

        // UDAP DCR §6: the same iss registering an empty grant_types cancels the registration.
        var cancel = client.claims(UdapClient.Grant.CLIENT_CREDENTIALS, service.registrationEndpoint());
        cancel.putArray("grant_types");
        HttpResponse<String> cancelled = service.register(UdapClient.body(client.sign(cancel)));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        await(() -> realm.find(clientId), Optional::isEmpty, "the cancelled client gone from Keycloak");
        assertThat(assertionGrant(clientId, client.credential().privateKey(), client.x5c()).path("error").asText())
                .isIn("unauthorized_client", "invalid_client");
    }

    /**
     * A {@code client_credentials} request authenticated by an RS256 client assertion (RFC 7523 §2.2, UDAP IG STU2
     * §3.1 B2B): iss = sub = the client id, aud = the token endpoint, a fresh jti, five minutes to live, the
     * certificate chain in x5c.
     */
    private static JsonNode assertionGrant(String clientId, PrivateKey key, List<X509Certificate> chain)
            throws Exception {
        Date now = new Date();
        List<Base64> x5c = new java.util.ArrayList<>();
        for (X509Certificate certificate : chain) {
            x5c.add(Base64.encode(certificate.getEncoded()));
        }
        SignedJWT assertion = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).x509CertChain(x5c).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpoint)
                        .jwtID(UUID.randomUUID().toString()).issueTime(now)
                        .expirationTime(new Date(now.getTime() + 300_000)).build());
        assertion.sign(new RSASSASigner(key));
        Map<String, String> form = Map.of("grant_type", "client_credentials", "udap", "1",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion.serialize());
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private interface Call<T> {
        T get() throws Exception;
    }

    /** Asks until the answer satisfies the condition, at most {@link #WITHIN}; fails with the last answer. */
    private static <T> T await(Call<T> call, Predicate<T> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WITHIN);
        T last = call.get();
        while (!condition.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = call.get();
        }
        assertThat(condition.test(last)).as(what + " within " + WITHIN + "; last: " + last).isTrue();
        return last;
    }
}
