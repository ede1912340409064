package health.registration.local;

import static health.registration.local.UdapAnswers.assertRefused;
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
import health.registration.core.udap.TestCredential;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end through {@code scripts/local-api}: a UDAP client built the way the common UDAP client libraries build
 * one, with the statement made here with Nimbus JOSE+JWT rather than the service's own test helpers (IG STU2 §3.1
 * claims, UDAP DCR §2: only the leaf in x5c). Its x5c holds only its leaf, issued by the community's intermediate CA; the leaf's
 * Authority Information Access names the intermediate at {@code http://udap-aia.example.com/intermediate.cer}, which
 * the service fetches (UDAP DCR §4.2, RFC 5280 §4.2.2.1) from a fixture on 127.0.0.111:80 mapped through the prober's
 * hosts-file seam; the CRLs and the app's pages are on 127.0.0.111:443. Nothing but 127.0.0.x is contacted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UdapLibraryClientIT {

    private static final String ADDRESS = "127.0.0.111";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalUdapService service;
    private static AiaSite aia;

    @BeforeAll
    static void start() throws Exception {
        service = LocalUdapService.start("udap-library-client-it", ADDRESS, 10, (work, baseUrl, pki) -> {
            aia = AiaSite.start(ADDRESS, Map.of(
                    UdapTestPki.INTERMEDIATE_CERTIFICATE, pki.intermediateCertificate().getEncoded(),
                    "/root.cer", pki.rootCertificate().getEncoded()));
            // The fixture's hosts file, and the AIA host on the same address.
            Path hosts = Files.writeString(work.resolve("hosts-with-aia"), Files.readString(work.resolve("hosts"))
                    + ADDRESS + " " + UdapTestPki.AIA_HOST + "\n", StandardCharsets.UTF_8);
            return Map.of("PROBE_HOSTS_FILE", hosts.toString());
        });
    }

    @AfterAll
    static void stop() throws Exception {
        try (AiaSite site = aia) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @Order(1)
    void registersAClientCredentialsClientWhoseX5cHoldsOnlyItsLeaf() throws Exception {
        String host = service.sites().nextHost();
        TestCredential leaf = service.pki().leafWithAia(iss(host), UdapTestPki.INTERMEDIATE_CERTIFICATE);
        JWTClaimsSet claims = claims(host, "client_credentials", "system/Patient.rs").build();

        HttpResponse<String> answer = service.register(body(sign(leaf, claims)));

        JsonNode registered = assertRegistered(answer, leaf, host);
        assertThat(registered.path("contacts").get(0).asText()).isEqualTo("mailto:ops@" + UdapSites.DOMAIN);
        assertThat(registered.path("scope").asText()).isEqualTo("system/Patient.rs");
        assertThat(aia.requests(UdapTestPki.INTERMEDIATE_CERTIFICATE)).as("the intermediate fetched once").isEqualTo(1);
        // The fetched intermediate is on the trusted path, so the root's CRL, which speaks for it, was read too.
        assertThat(service.sites().crlRequests(UdapTestPki.ROOT_CRL)).isPositive();
    }

    @Test
    @Order(2)
    void registersAnAuthorizationCodeClientWithTheIntermediateKeptFromBefore() throws Exception {
        String host = service.sites().nextHost();
        TestCredential leaf = service.pki().leafWithAia(iss(host), UdapTestPki.INTERMEDIATE_CERTIFICATE);
        JWTClaimsSet claims = claims(host, "authorization_code", "user/Patient.rs openid fhirUser")
                .claim("redirect_uris", List.of("https://" + host + "/callback"))
                .claim("response_types", List.of("code")).build();

        HttpResponse<String> answer = service.register(body(sign(leaf, claims)));

        assertRegistered(answer, leaf, host);
        assertThat(aia.requests(UdapTestPki.INTERMEDIATE_CERTIFICATE)).as("kept for an hour per URL").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        the AIA URL answers 404              | /missing.cer | the issuer certificate named in its Authority Information Access (caIssuers) could not be fetched
        the AIA URL serves the root, not the issuer | /root.cer | is not the CA certificate that issued the certificate naming it
        """)
    @Order(3)
    void refusesALeafWhoseAuthorityInformationAccessLeadsNowhereAndStoresNothing(String reason, String path,
                                                                                String phrase) throws Exception {
        String host = service.sites().nextHost();
        TestCredential leaf = service.pki().leafWithAia(iss(host), path);
        TableSnapshot before = TableSnapshot.of(service.records());

        JsonNode refusal = assertRefused(service.register(body(sign(leaf, claims(host, "client_credentials",
                "system/Patient.rs").build()))), "unapproved_software_statement");

        assertThat(refusal.path("error_description").asText()).as(reason).contains(phrase);
        assertThat(aia.requests(path)).as("fetched once: %s", reason).isEqualTo(1);
        TableSnapshot.of(service.records()).assertUnchangedSince(before, "a refused registration (" + reason + ")");
    }

    /**
     * The claims as the libraries fill them: iss = sub = the SAN URI, aud the registration endpoint, iat now, exp five
     * minutes on, a random jti, then the registration parameters, contacts as mailto: URIs.
     */
    private static JWTClaimsSet.Builder claims(String host, String grant, String scope) {
        Instant now = Instant.now();
        String site = "https://" + host;
        return new JWTClaimsSet.Builder()
                .issuer(iss(host)).subject(iss(host)).audience(service.registrationEndpoint())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_name", "Library-built client at " + host)
                .claim("contacts", List.of("mailto:ops@" + UdapSites.DOMAIN))
                .claim("grant_types", List.of(grant))
                .claim("token_endpoint_auth_method", "private_key_jwt")
                .claim("scope", scope)
                .claim("logo_uri", site + "/logo/logo.png")
                .claim("client_uri", site + "/page/home")
                .claim("tos_uri", site + "/page/terms")
                .claim("policy_uri", site + "/page/privacy");
    }

    /** RS256 with x5c holding the leaf alone, signed with the leaf's key. */
    private static String sign(TestCredential leaf, JWTClaimsSet claims) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .x509CertChain(List.of(Base64.encode(leaf.certificate().getEncoded()))).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(leaf.privateKey()));
        return jwt.serialize();
    }

    /** The request body the libraries post: the statement and {@code udap}, nothing else. */
    private static String body(String statement) {
        return JSON.createObjectNode().put("software_statement", statement).put("udap", "1").toString();
    }

    private static JsonNode assertRegistered(HttpResponse<String> answer, TestCredential leaf, String host)
            throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        String clientId = body.path("client_id").asText();
        assertThat(clientId).isNotBlank();
        assertThat(body.path("token_endpoint_auth_method").asText()).isEqualTo("private_key_jwt");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = service.records()
                .clientRecord(clientId).orElseThrow();
        byte[] der = leaf.certificate().getEncoded();
        assertThat(item.get("status").s()).isEqualTo("active");
        assertThat(item.get("udapIssuer").s()).isEqualTo(iss(host));
        assertThat(item.get("udapCommunity").s()).isEqualTo(UdapTestPki.COMMUNITY);
        assertThat(item.get("certificate").s()).as("the leaf is bound, not the fetched intermediate")
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(der));
        assertThat(item.get("certificateThumbprint").s()).isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
        return body;
    }

    private static String iss(String host) {
        return "https://" + host + "/udap";
    }
}
