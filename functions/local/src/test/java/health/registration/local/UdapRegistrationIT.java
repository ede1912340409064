package health.registration.local;

import static health.registration.local.UdapAnswers.assertRecordBindsCertificate;
import static health.registration.local.UdapAnswers.assertRefused;
import static health.registration.local.UdapAnswers.assertRegistered;
import static health.registration.local.UdapClient.Grant.AUTHORIZATION_CODE;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end, UDAP dynamic client registration (IG STU2 §3, UDAP DCR §4–§6) and discovery (§2) through
 * {@code scripts/local-api} (the packaged jar, the real template and handlers, the real prober and CRL fetcher) against
 * an HTTPS fixture on 127.0.0.61 that serves the community's CRLs and the apps' pages, with the records in moto.
 * Requests are those of the Inferno UDAP Security Test Kit's registration group. After every refusal the table is
 * scanned to prove nothing was stored; after every success the record's certificate binding is read back. The last test
 * searches the API's whole log for key material. Nothing but 127.0.0.x is contacted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UdapRegistrationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalUdapService service;
    private static UdapClients clients;
    private static EmulatorRecords records;
    private static String aud;

    @BeforeAll
    static void start() throws Exception {
        service = LocalUdapService.start("udap-registration-it", "127.0.0.61", 60);
        clients = new UdapClients(service.pki(), service.sites());
        records = service.records();
        aud = service.registrationEndpoint();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void publishesTheRegistrationEndpointInMetadataSignedByTheCertificateOfX5c() throws Exception {
        HttpResponse<String> answer = service.get(".well-known/udap");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(answer.body());
        assertThat(metadata.path("registration_endpoint").asText()).isEqualTo(service.publicBaseUrl() + "/register");
        SignedJWT signed = SignedJWT.parse(metadata.path("signed_metadata").asText());
        X509Certificate leaf = X509CertUtils.parse(signed.getHeader().getX509CertChain().get(0).decode());
        assertThat(leaf).isEqualTo(service.pki().serverCertificate());
        assertThat(signed.verify(new RSASSAVerifier((RSAPublicKey) leaf.getPublicKey()))).as("signature by x5c[0]").isTrue();
        assertThat(signed.getJWTClaimsSet().getIssuer()).isEqualTo(service.publicBaseUrl());
        assertThat(signed.getJWTClaimsSet().getSubject()).isEqualTo(service.publicBaseUrl());
        assertThat(signed.getJWTClaimsSet().getExpirationTime()).isAfter(new Date());
        assertThat(signed.getJWTClaimsSet().getStringClaim("registration_endpoint")).isEqualTo(aud);
    }

    /** Inferno x.2.01–x.2.04 for one grant, with a client URI of its own as Inferno requires. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(UdapClient.Grant.class)
    @Order(2)
    void registersEachGrantAsInfernoChecksIt(UdapClient.Grant grant) throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode invalidIss = client.claims(grant, aud).put("iss", "invalid_iss").put("sub", "invalid_iss");
        assertRefusedAndNothingStored(client.sign(invalidIss), "invalid_software_statement");
        assertRefusedAndNothingStored(client.signWithRandomKey(client.claims(grant, aud)), "invalid_software_statement");

        registerNew(client, client.claims(grant, aud));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UdapRefusal.class)
    @Order(3)
    void refusesAStatementFailingOneCheckWithItsCodeAndStoresNothing(UdapRefusal refusal) throws Exception {
        JsonNode body = assertRefusedAndNothingStored(refusal.statement(clients, aud), refusal.code());

        assertThat(body.path("error_description").asText()).contains(refusal.phrase());
        refusal.crlPath().ifPresent(path -> assertThat(service.sites().crlRequests(path))
                .as("requests for the CRL at %s", path).isPositive());
    }

    /**
     * Policy section 8: out-of-bounds input is refused before costly work. The goal is 100 ms a request (see the
     * benchmark in benchmarks/README.md); the bound here is generous, so that a loaded machine does not fail the test.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UdapRefusal.class, names = {"EXP_1E999999999", "SIX_CERTIFICATES_IN_X5C",
            "SIGNED_BY_A_CA_CERTIFICATE", "A_NUMBER_OF_TEN_THOUSAND_DIGITS"})
    @Order(3)
    void refusesOutOfBoundsInputWith400WellWithinASecond(UdapRefusal refusal) throws Exception {
        String body = UdapClient.body(refusal.statement(clients, aud));
        service.register(body);

        long started = System.nanoTime();
        HttpResponse<String> answer = service.register(body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertRefused(answer, refusal.code());
        assertThat(took).as("time to refuse").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Order(3)
    void refusesAStatementHoldingAHundredThousandDigitNumberAsABodyTooLarge() throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud).put("software_version", new BigInteger("9".repeat(100_000)));

        HttpResponse<String> answer = service.register(UdapClient.body(client.sign(claims)));

        // The statement is longer than any request body (64 KiB), so it is refused before it is read.
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_client_metadata");
    }

    @Test
    @Order(4)
    void refusesTheReplayOfARegisteredStatementAndStoresNothing() throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud);
        registerNew(client, claims);

        JsonNode refusal = assertRefusedAndNothingStored(client.sign(claims), "invalid_software_statement");

        assertThat(refusal.path("error_description").asText()).contains("jti");
    }

    /** Registration policy section 9 on the UDAP path: a statement's members are held to the same rules. */
    @Test
    @Order(4)
    void refusesAStatementCarryingASymmetricKeyOrAScriptUrlWithTheirPointers() throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud);
        claims.putObject("jwks").putArray("keys").addObject().put("kty", "oct").put("k", "c2VjcmV0LWtleS1tYXRlcmlhbA");
        claims.putArray("post_logout_redirect_uris").add("javascript:alert(1)");

        JsonNode refusal = assertRefusedAndNothingStored(client.sign(claims), "invalid_client_metadata");

        assertThat(refusal.path("errors").findValuesAsText("field"))
                .containsExactly("/jwks/keys/0/kty", "/post_logout_redirect_uris/0");
        assertThat(refusal.toString()).doesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA");
    }

    /** RFC 7591 §2: claims the service does not understand are dropped, neither stored nor echoed. */
    @Test
    @Order(4)
    void dropsStatementClaimsItDoesNotUnderstand() throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud).put("x_vendor_claim", "not understood")
                .put("software_version", "3.0");

        HttpResponse<String> answer = service.register(UdapClient.body(client.sign(claims)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.has("x_vendor_claim")).isFalse();
        assertThat(body.path("software_version").asText()).isEqualTo("3.0");
        String stored = records.clientRecord(body.path("client_id").asText()).orElseThrow().get("metadata").s();
        assertThat(stored).contains("software_version").doesNotContain("x_vendor_claim");
    }

    /** IG STU2 general §7.1.4: a jti is unique per iss, so another client may use the same value. */
    @Test
    @Order(4)
    void acceptsTheJtiOfOneClientFromAnother() throws Exception {
        UdapClient first = clients.rsa();
        ObjectNode claims = first.claims(CLIENT_CREDENTIALS, aud);
        registerNew(first, claims);
        UdapClient second = clients.rsa();

        registerNew(second, second.claims(CLIENT_CREDENTIALS, aud).put("jti", claims.get("jti").asText()));
    }

    /** UDAP IG STU2 general §7.3: a subset may be granted; the answer and the record hold what was granted. */
    @Test
    @Order(4)
    void grantsTheSupportedSubsetOfTheScopeAndAnswersAndStoresOnlyIt() throws Exception {
        UdapClient client = clients.rsa();
        ObjectNode claims = client.claims(CLIENT_CREDENTIALS, aud)
                .put("scope", "system/Patient.r system/Condition.rs system/Observation.rs");
        String statement = client.sign(claims);

        HttpResponse<String> answer = service.register(UdapClient.body(statement));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("scope").asText()).isEqualTo("system/Patient.r system/Observation.rs");
        assertThat(body.toString()).doesNotContain("system/Condition.rs");
        for (String member : new String[] {"grant_types", "token_endpoint_auth_method", "client_name", "contacts"}) {
            assertThat(body.get(member)).as("%s as sent", member).isEqualTo(claims.get(member));
        }
        assertThat(body.has("client_secret_expires_at")).as("no secret, so no expiry (RFC 7591 section 3.2.1)").isFalse();
        String stored = records.clientRecord(body.path("client_id").asText()).orElseThrow().get("metadata").s();
        assertThat(JSON.readTree(stored).path("scope").asText()).isEqualTo("system/Patient.r system/Observation.rs");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"system/Condition.rs user/Observation.rs", "system/*.rs system/Patient.rs"})
    @Order(4)
    void refusesNoSupportedScopeOrAnUnsupportedWildcardAtTheScopePointer(String scope) throws Exception {
        UdapClient client = clients.rsa();

        JsonNode body = assertRefusedAndNothingStored(client.sign(client.claims(CLIENT_CREDENTIALS, aud).put("scope", scope)),
                "invalid_client_metadata");

        assertThat(body.path("errors").findValuesAsText("field")).isNotEmpty().allSatisfy(f -> assertThat(f).isEqualTo("/scope"));
    }

    /**
     * RFC 7591 §2.3: a statement without udap and without the UDAP form (x5c) is a plain one, unapproved here; a
     * UDAP statement without udap is invalid_client_metadata, as the IG says of a missing udap.
     */
    @Test
    @Order(4)
    void tellsAPlainStatementFromAUdapStatementWithoutUdap() throws Exception {
        UdapClient client = clients.rsa();
        String udapStatement = client.sign(client.claims(CLIENT_CREDENTIALS, aud));
        String[] parts = udapStatement.split("\\.");
        String withoutX5c = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes())
                + "." + parts[1] + "." + parts[2];

        for (String[] row : new String[][] {{withoutX5c, "unapproved_software_statement"},
                {"not-a-jwt", "invalid_software_statement"}, {udapStatement, "invalid_client_metadata"}}) {
            TableSnapshot before = TableSnapshot.of(records);
            HttpResponse<String> answer = service.register(JSON.createObjectNode().put("software_statement", row[0]).toString());
            JsonNode body = assertRefused(answer, row[1]);
            assertThat(body.path("errors").findValuesAsText("field")).containsExactly(
                    row[1].equals("invalid_client_metadata") ? "/udap" : "/software_statement");
            TableSnapshot.of(records).assertUnchangedSince(before, "a statement without udap (" + row[1] + ")");
        }
    }

    @Test
    @Order(5)
    void modifiesTheRegistrationOfTheSameIssWithARenewedCertificateKeepingItsClientId() throws Exception {
        UdapClient client = clients.rsa();
        String clientId = registerNew(client, client.claims(CLIENT_CREDENTIALS, aud));
        long clientRecords = TableSnapshot.of(records).count(TableSnapshot.CLIENT);

        UdapClient renewed = clients.renew(client);
        ObjectNode changed = renewed.claims(CLIENT_CREDENTIALS, aud).put("client_name", "Renamed UDAP IT client");
        changed.putArray("contacts").add("mailto:zeta@example.com").add("mailto:alpha@example.com");
        String modification = renewed.sign(changed);
        JsonNode answer = assertRegistered(service.register(UdapClient.body(modification)), 200, modification, changed);

        assertThat(answer.path("client_id").asText()).isEqualTo(clientId);
        assertRecordBindsCertificate(records, clientId, renewed);
        JsonNode stored = UdapAnswers.storedMetadata(records, clientId);
        assertThat(stored.path("client_name").asText()).isEqualTo("Renamed UDAP IT client");
        assertThat(stored.get("contacts")).isEqualTo(changed.get("contacts"));
        assertThat(TableSnapshot.of(records).count(TableSnapshot.CLIENT)).isEqualTo(clientRecords);
    }

    @Test
    @Order(5)
    void refusesABadModificationAndKeepsTheRegistrationAsItWas() throws Exception {
        UdapClient client = clients.rsa();
        registerNew(client, client.claims(CLIENT_CREDENTIALS, aud));
        ObjectNode withoutScope = client.claims(CLIENT_CREDENTIALS, aud).put("client_name", "Never stored");
        withoutScope.remove("scope");

        assertRefusedAndNothingStored(client.sign(withoutScope), "invalid_client_metadata");
    }

    @Test
    @Order(6)
    void cancelsTheRegistrationWhenGrantTypesIsEmpty() throws Exception {
        UdapClient client = clients.rsa();
        String clientId = registerNew(client, client.claims(CLIENT_CREDENTIALS, aud));
        TableSnapshot registered = TableSnapshot.of(records);
        ObjectNode cancel = client.claims(CLIENT_CREDENTIALS, aud);
        cancel.putArray("grant_types");

        HttpResponse<String> answer = service.register(UdapClient.body(client.sign(cancel)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("client_id").asText()).isEqualTo(clientId);
        assertThat(body.get("grant_types").toString()).isEqualTo("[]");
        assertThat(records.clientRecord(clientId)).as("the cancelled client's record").isEmpty();
        TableSnapshot cancelled = TableSnapshot.of(records);
        assertThat(cancelled.count(TableSnapshot.UDAP_MAPPING)).isEqualTo(registered.count(TableSnapshot.UDAP_MAPPING) - 1);
    }

    @Test
    @Order(7)
    void registersAnAuthorizationCodeClientWhoseStatementIsSignedWithEs256() throws Exception {
        UdapClient client = clients.es256();
        ObjectNode claims = client.claims(AUTHORIZATION_CODE, aud);
        assertThat(SignedJWT.parse(client.sign(claims)).getHeader().getAlgorithm().getName()).isEqualTo("ES256");

        registerNew(client, claims);
    }

    /** The CRLs of the chain were fetched once and kept until their nextUpdate; a failed fetch is not kept. */
    @Test
    @Order(8)
    void fetchesEachCrlOnceButRetriesOneThatWasUnavailable() throws Exception {
        int unavailable = service.sites().crlRequests(UdapTestPki.UNAVAILABLE_CRL);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertRefusedAndNothingStored(UdapRefusal.CRL_ANSWERING_404.statement(clients, aud),
                    "unapproved_software_statement");
        }

        assertThat(service.sites().crlRequests(UdapTestPki.UNAVAILABLE_CRL)).isEqualTo(unavailable + 2);
        assertThat(service.sites().crlRequests(UdapTestPki.INTERMEDIATE_CRL)).as("the intermediate's CRL").isOne();
        assertThat(service.sites().crlRequests(UdapTestPki.ROOT_CRL)).as("the root's CRL").isOne();
    }

    /** Last, as it stops the service; it makes the requests whose log lines it looks for itself. */
    @Test
    @Order(Integer.MAX_VALUE)
    void logsRegistrationsButNoPrivateKeyMaterial() throws Exception {
        UdapClient client = clients.rsa();
        registerNew(client, client.claims(CLIENT_CREDENTIALS, aud));
        ObjectNode renamed = client.claims(CLIENT_CREDENTIALS, aud).put("client_name", "Logged UDAP IT client");
        assertThat(service.register(UdapClient.body(client.sign(renamed))).statusCode()).as("a modification").isEqualTo(200);
        assertRefusedAndNothingStored(client.signWithRandomKey(client.claims(CLIENT_CREDENTIALS, aud)),
                "invalid_software_statement");
        assertThat(service.get(".well-known/udap").statusCode()).isEqualTo(200);

        String log = service.stopAndReadLog();

        assertThat(log).contains("POST /register -> 201", "POST /register -> 200", "POST /register -> 400",
                "GET /.well-known/udap -> 200");
        assertThat(log).doesNotContain("PRIVATE KEY");
        for (PrivateKey key : service.pki().privateKeys()) {
            assertThat(log).as("a private key in base64").doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()));
            for (String line : UdapTestPki.mime(key.getEncoded()).split("\n")) {
                // Every full 64-character line of its PEM; a short last line could match unrelated text.
                if (line.length() == 64) {
                    assertThat(log).as("a line of a private key's PEM").doesNotContain(line);
                }
            }
        }
    }

    /** Registers a new client (201) and reads its record back from moto; gives its client id. */
    private static String registerNew(UdapClient client, ObjectNode claims) throws Exception {
        String statement = client.sign(claims);
        JsonNode answer = assertRegistered(service.register(UdapClient.body(statement)), 201, statement, claims);
        String clientId = answer.path("client_id").asText();
        assertRecordBindsCertificate(records, clientId, client);
        return clientId;
    }

    /** Posts the statement as Inferno does, expects the refusal, and scans moto: nothing new, changed or removed. */
    private static JsonNode assertRefusedAndNothingStored(String statement, String code) throws Exception {
        TableSnapshot before = TableSnapshot.of(records);
        HttpResponse<String> answer = service.register(UdapClient.body(statement));
        JsonNode body = assertRefused(answer, code);
        TableSnapshot.of(records).assertUnchangedSince(before, "a refused registration (" + code + ")");
        return body;
    }
}
