package health.registration.adapters.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A realm of its own, for one test class, on the real Keycloak the ITs run against: {@code scripts/test}, or
 * {@code source scripts/lib/keycloak.sh && start_keycloak}, starts it on 127.0.0.136 and exports
 * its URL and administrator. Tests fail, never skip, when it is missing or anywhere but that loopback address, so
 * that no test can reach a Keycloak elsewhere. Gives the realm's admin session, its clients as the adapter writes them,
 * and its token endpoint (RFC 6749 §3.2) to ask as a client would; {@link #close()} removes the realm. Shared with
 * {@code functions/local}'s tests through this module's test-jar.
 */
public final class KeycloakTestRealm implements AutoCloseable {

    /** How soon a change through the API shows at Keycloak (the local target: 5 seconds). */
    public static final Duration WITHIN = Duration.ofSeconds(5);

    private static final String HOW = "run the Keycloak tests through scripts/test, or "
            + "`source scripts/lib/keycloak.sh && start_keycloak` first";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> environment;
    private final KeycloakAdminSession admin;
    private final KeycloakAuthorizationServerClients clients;
    private final String tokenEndpoint;

    private KeycloakTestRealm(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.admin = new KeycloakAdminSession(KeycloakConnection.fromEnvironment(environment).orElseThrow());
        this.clients = new KeycloakAuthorizationServerClients(admin);
        this.tokenEndpoint = admin.connection().baseUrl() + "/realms/" + admin.connection().realm()
                + "/protocol/openid-connect/token";
    }

    /**
     * A realm named {@code prefix} and eight random characters, not created yet: a local API given
     * {@link #environment()} creates it itself (or call {@link #create()}).
     */
    public static KeycloakTestRealm named(String prefix) {
        Map<String, String> environment = new HashMap<>();
        String baseUrl = required(KeycloakConnection.BASE_URL);
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) || !"127.0.0.136".equals(uri.getHost()) || uri.getPort() < 1) {
            fail(KeycloakConnection.BASE_URL + " must be http://127.0.0.136:<port>, not " + baseUrl + ": " + HOW);
        }
        environment.put(KeycloakConnection.BASE_URL, baseUrl);
        environment.put(KeycloakConnection.ADMIN_USERNAME, required(KeycloakConnection.ADMIN_USERNAME));
        environment.put(KeycloakConnection.ADMIN_PASSWORD, required(KeycloakConnection.ADMIN_PASSWORD));
        environment.put(KeycloakConnection.REALM, prefix + UUID.randomUUID().toString().substring(0, 8));
        return new KeycloakTestRealm(environment);
    }

    /** Creates the realm through the admin API; returns this. */
    public KeycloakTestRealm create() {
        admin.require("POST", "/admin/realms", JSON.createObjectNode().put("realm", name()).put("enabled", true));
        return this;
    }

    /** The server, its administrator and the realm, as the Keycloak settings of {@link KeycloakConnection}. */
    public Map<String, String> environment() {
        return environment;
    }

    public String name() {
        return admin.connection().realm();
    }

    public KeycloakAdminSession admin() {
        return admin;
    }

    /** The realm's clients as the adapter reads and writes them. */
    public KeycloakAuthorizationServerClients clients() {
        return clients;
    }

    public String tokenEndpoint() {
        return tokenEndpoint;
    }

    /** The token endpoint's answer to a form, with an {@code Authorization} header when one is given. */
    public JsonNode token(Map<String, String> form, Optional<String> authorization)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** RFC 6749 §2.3.1: client_id and secret form-encoded, then Base64 in HTTP Basic. */
    public static String basic(String clientId, String secret) {
        String pair = encode(clientId) + ":" + encode(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * RFC 7523 §2.2: {@code client_credentials} with a client assertion signed (ES256) by the key: iss = sub = the
     * client id, aud = the token endpoint, a fresh jti, a minute to live.
     */
    public JsonNode assertionGrant(String clientId, ECKey key)
            throws JOSEException, IOException, InterruptedException {
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

    /** A question to ask again until its answer satisfies a condition. */
    public interface Call<T> {
        T get() throws Exception;
    }

    /** Asks until the answer satisfies the condition, at most {@link #WITHIN}; fails with the last answer. */
    public static <T> T await(Call<T> call, Predicate<T> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WITHIN);
        T last = call.get();
        while (!condition.test(last) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = call.get();
        }
        assertThat(condition.test(last)).as(what + " within " + WITHIN + "; last: " + last).isTrue();
        return last;
    }

    /** Removes the realm (when it was never created, Keycloak answers 404 and nothing happens). */
    @Override
    public void close() {
        admin.call("DELETE", "/admin/realms/" + name(), null);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: " + HOW);
        }
        return value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
