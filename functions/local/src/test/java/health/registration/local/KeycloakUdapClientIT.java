package health.registration.local;

import static health.registration.adapters.keycloak.KeycloakTestRealm.await;
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
import health.registration.adapters.keycloak.KeycloakTestRealm;
import health.registration.core.udap.TestKeys;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalUdapService service;
    private static KeycloakTestRealm keycloak;

    @BeforeAll
    static void start() throws Exception {
        keycloak = KeycloakTestRealm.named("registration-udap-it-");
        Map<String, String> environment = new HashMap<>(keycloak.environment());
        environment.put("EVENT_BUS_NAME", keycloak.name());
        service = LocalUdapService.start("keycloak-udap-it", "127.0.0.152", 4, (work, baseUrl, pki) -> environment);
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
        await(() -> keycloak.clients().find(clientId), Optional::isEmpty, "the cancelled client gone from Keycloak");
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
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(keycloak.tokenEndpoint())
                        .jwtID(UUID.randomUUID().toString()).issueTime(now)
                        .expirationTime(new Date(now.getTime() + 300_000)).build());
        assertion.sign(new RSASSASigner(key));
        Map<String, String> form = Map.of("grant_type", "client_credentials", "udap", "1",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion.serialize());
        return keycloak.token(form, Optional.empty());
    }
}
