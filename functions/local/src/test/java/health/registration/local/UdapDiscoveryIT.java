package health.registration.local;

import static health.registration.local.UdapAnswers.assertRefused;
import static health.registration.local.UdapClient.Grant.AUTHORIZATION_CODE;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestPki;
import health.registration.core.udap.UdapMetadataFixture;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end through {@code scripts/local-api}: UDAP discovery read as a client library nobody here wrote reads it
 * (Nimbus JOSE+JWT's parser, verifier and JWT processor, and the JDK's PKIX validator), with the FHIR base URL
 * ({@code FHIR_BASE_URL}, the {@code iss} of the signed metadata, IG STU2 §2.3) different from this service's own
 * {@code PUBLIC_BASE_URL}; a second trust community with signing credentials of its own (§2.4); capabilities from
 * configuration (only client_credentials offered, §2.2), which registration keeps to; and software statements
 * addressed to the registration endpoint, not to the FHIR base (UDAP DCR §4.3). Fixtures on 127.0.0.101 only.
 */
class UdapDiscoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR_BASE = "https://fhir.udap-discovery.example.org/r4";
    private static final String BETA = "urn:example:udap-it:community-beta";

    private static LocalUdapService service;
    private static UdapClients clients;
    private static TestPki beta;

    @BeforeAll
    static void start() throws Exception {
        beta = TestPki.create("udap-discovery-beta", Instant.now());
        service = LocalUdapService.start("udap-discovery-it", "127.0.0.101", 8, (work, baseUrl, pki) -> {
            TestCredential server = pki.rsaLeaf(FHIR_BASE);
            TestCredential betaServer = beta.rsaLeaf(FHIR_BASE);
            // The default chain, then community beta's key and chain after its line (docs/api/udap.md, "GET
            // /.well-known/udap").
            String chains = pem(pki.chain(server)) + "# community: " + BETA + "\n"
                    + UdapMetadataFixture.keyPem(betaServer.privateKey()) + pem(beta.chain(betaServer));
            return Map.of(
                    "FHIR_BASE_URL", FHIR_BASE,
                    "UDAP_SERVER_KEY_FILE", write(work, "fhir-server-key.pem",
                            UdapMetadataFixture.keyPem(server.privateKey())),
                    "UDAP_SERVER_CERTIFICATE_FILE", write(work, "fhir-server-chains.pem", chains),
                    "UDAP_TRUST_ANCHORS_FILE", write(work, "two-communities.pem",
                            pki.trustAnchorsPem() + beta.anchorPem(BETA)),
                    "UDAP_AUTHORIZATION_ENDPOINT", "",
                    "UDAP_GRANT_TYPES_SUPPORTED", "client_credentials");
        });
        clients = new UdapClients(service.pki(), service.sites());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void signsTheMetadataAsTheFhirBaseUrlWithAChainToTheCommunitysAnchor() throws Exception {
        JsonNode document = discover("");
        SignedJWT signed = SignedJWT.parse(document.path("signed_metadata").asText());

        JWTClaimsSet claims = verifiedClaims(signed);

        assertThat(claims.getIssuer()).isEqualTo(FHIR_BASE).isNotEqualTo(service.publicBaseUrl());
        assertThat(claims.getSubject()).isEqualTo(claims.getIssuer());
        assertThat(claims.getExpirationTime()).isAfter(new Date());
        // UDAP Server Metadata §3.4: the signed endpoints equal the plain ones.
        assertThat(claims.getStringClaim("registration_endpoint"))
                .isEqualTo(document.path("registration_endpoint").asText()).isEqualTo(service.registrationEndpoint());
        assertThat(claims.getStringClaim("token_endpoint")).isEqualTo(document.path("token_endpoint").asText());
        assertThat(claims.getClaims()).doesNotContainKey("authorization_endpoint");
        assertThat(document.has("authorization_endpoint")).isFalse();
        validatePath(x5c(signed), service.pki().rootCertificate());
    }

    @Test
    void signsForACommunityWithItsOwnCertificateChainingToThatCommunitysAnchor() throws Exception {
        SignedJWT forBeta = SignedJWT.parse(discover("?community=" + encode(BETA)).path("signed_metadata").asText());
        SignedJWT forDefault = SignedJWT.parse(discover("?community=" + encode(UdapTestPki.COMMUNITY))
                .path("signed_metadata").asText());

        assertThat(verifiedClaims(forBeta).getIssuer()).isEqualTo(FHIR_BASE);
        validatePath(x5c(forBeta), beta.root().certificate());
        assertThatThrownBy(() -> validatePath(x5c(forBeta), service.pki().rootCertificate()))
                .as("beta's chain does not lead to the default community's anchor")
                .isInstanceOf(CertPathValidatorException.class);
        assertThat(verifiedClaims(forDefault).getIssuer()).isEqualTo(FHIR_BASE);
        validatePath(x5c(forDefault), service.pki().rootCertificate());
    }

    @Test
    void answersAnUnknownCommunityWithNoContent() throws Exception {
        HttpResponse<String> answer = service.get(".well-known/udap?community=" + encode("urn:example:unknown"));

        assertThat(answer.statusCode()).isEqualTo(204);
    }

    @Test
    void advertisesTheConfiguredGrantTypesAndRefusesAGrantItDoesNotOffer() throws Exception {
        JsonNode document = discover("");
        UdapClient client = clients.rsa();

        HttpResponse<String> answer = service.register(UdapClient.body(client.sign(
                client.claims(AUTHORIZATION_CODE, service.registrationEndpoint()))));

        assertThat(document.path("grant_types_supported").toString()).isEqualTo("[\"client_credentials\"]");
        JsonNode refusal = assertRefused(answer, "invalid_client_metadata");
        assertThat(refusal.path("error_description").asText()).contains("grant_types_supported");
    }

    @Test
    void acceptsStatementsAddressedToTheRegistrationEndpointNotToTheFhirBase() throws Exception {
        UdapClient client = clients.rsa();

        HttpResponse<String> toFhirBase = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, FHIR_BASE))));
        HttpResponse<String> toRegistration = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()))));

        assertThat(assertRefused(toFhirBase, "invalid_software_statement").path("error_description").asText())
                .contains("aud");
        assertThat(toRegistration.statusCode()).as(toRegistration.body()).isEqualTo(201);
    }

    /** {@code GET /.well-known/udap} with a query, as a FHIR server's route passes it on: 200 and JSON. */
    private static JsonNode discover(String query) throws Exception {
        HttpResponse<String> answer = service.get(".well-known/udap" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /**
     * What a UDAP client does (UDAP Server Metadata §3): RS256 only, the key of x5c[0], typ JWT, and iss = sub = the
     * base URL it did discovery at, with iat, exp and jti present and exp in the future.
     */
    private static JWTClaimsSet verifiedClaims(SignedJWT signed) throws Exception {
        X509Certificate leaf = x5c(signed).get(0);
        assertThat(signed.verify(new RSASSAVerifier((RSAPublicKey) leaf.getPublicKey()))).as("signature by x5c[0]")
                .isTrue();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        JWSKeySelector<SecurityContext> fromX5c = (header, context) -> {
            if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
                throw new KeySourceException("signed_metadata must be RS256");
            }
            return List.of(X509CertUtils.parse(header.getX509CertChain().get(0).decode()).getPublicKey());
        };
        processor.setJWSKeySelector(fromX5c);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(FHIR_BASE).subject(FHIR_BASE).build(), Set.of("iat", "exp", "jti")));
        return processor.process(signed, null);
    }

    private static List<X509Certificate> x5c(SignedJWT signed) {
        List<Base64> chain = signed.getHeader().getX509CertChain();
        assertThat(chain).as("x5c").isNotEmpty();
        return chain.stream().map(entry -> X509CertUtils.parse(entry.decode())).toList();
    }

    /** PKIX (RFC 5280 §6) from x5c to the anchor; revocation is the registration path's concern, not discovery's. */
    private static void validatePath(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    private static String pem(List<X509Certificate> chain) {
        return chain.stream().map(TestPki::pem).reduce("", String::concat);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String write(Path directory, String file, String text) throws java.io.IOException {
        return Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8).toString();
    }
}
