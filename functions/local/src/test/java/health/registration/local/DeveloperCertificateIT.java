package health.registration.local;

import static health.registration.local.UdapAnswers.assertRefused;
import static health.registration.local.UdapClient.Grant.CLIENT_CREDENTIALS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * End to end through {@code scripts/local-api}: a developer proves control of the client URI's host by serving the
 * token of {@code POST /operator/certificates/challenges} on the fixture site; a certificate issued from a
 * BouncyCastle-built CSR on {@code POST /operator/certificates} verifies with {@code openssl verify} against the CA
 * and the CRL of {@code GET /crl/developers.crl}; with the CA a trust anchor, the certificate registers through UDAP
 * ({@code POST /register}); after {@code POST /operator/certificates/{serial}/revoke} openssl refuses it, the client
 * registered with it is suspended with its event, and the next registration with it fails with
 * {@code unapproved_software_statement}. A wrong body, a replayed or expired token, and another developer's client URI
 * are refused at their pointers; a suspended UDAP client cannot cancel and come back active. The API's log names the
 * operator and the developer and holds no key or token. Nothing but 127.0.0.x is contacted.
 */
class DeveloperCertificateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CA_NAME = "developers";
    private static final String COMMUNITY = "urn:example:developer-certificates";
    private static final String OPERATOR_TOKEN = UUID.randomUUID().toString();
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Instant NOW = Instant.now();
    private static final String DEVELOPER = "dev-4711";
    private static final String CERTIFICATES_TABLE = "registration-certificates-it-" + UUID.randomUUID();

    private static TestAuthority ca;
    private static LocalUdapService service;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        ca = TestAuthority.root("Developer Certificates IT CA", TestKeys.rsa(), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(3650)), "http://unused.example.com/root.crl");
        service = LocalUdapService.start("developer-certificate-it", "127.0.0.63", 12, (work, baseUrl, pki) -> Map.of(
                "UDAP_TRUST_ANCHORS_FILE", write(work, "anchors-with-developer-ca.pem", pki.trustAnchorsPem()
                        + "community: " + COMMUNITY + "\n" + TestPki.pem(ca.certificate())),
                "CERTIFICATE_AUTHORITY_NAME", CA_NAME,
                "CERTIFICATES_TABLE", CERTIFICATES_TABLE,
                "CERTIFICATE_AUTHORITY_KEY_FILE", write(work, "developer-ca-key.pem", pkcs8(ca)),
                "CERTIFICATE_AUTHORITY_CHAIN_FILE", write(work, "developer-ca-chain.pem", TestPki.pem(ca.certificate())),
                "OPERATOR_LOCAL_TOKEN", OPERATOR_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anIssuedCertificateVerifiesRegistersThroughUdapAndIsRefusedOnceRevoked() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        KeyPair keys = TestKeys.rsa();
        UdapClient probe = new UdapClient(iss, host, null, List.of());
        ObjectNode metadata = metadata(probe.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()));

        String token = challenge(DEVELOPER, iss);
        serve(host, token, token + "\n");

        HttpResponse<String> issued = service.postAsOperator("operator/certificates",
                request(csr(keys, iss), iss, metadata, DEVELOPER, token), OPERATOR_TOKEN);

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(service.sites().challengeRequests(challengeUrl(host, token))).isOne();
        JsonNode answer = JSON.readTree(issued.body());
        assertThat(answer.path("san_uri").asText()).isEqualTo(iss);
        assertThat(answer.path("developer_id").asText()).isEqualTo(DEVELOPER);
        assertThat(answer.path("crl_url").asText()).isEqualTo(service.publicBaseUrl() + "/crl/" + CA_NAME + ".crl");
        X509Certificate certificate = certificate(answer.path("certificate").asText());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(openssl(answer.path("certificate").asText(), crlPem())).as("openssl verify before revocation")
                .contains(": OK");

        UdapClient client = new UdapClient(iss, host, new TestCredential(certificate, keys), List.of(certificate));
        HttpResponse<String> registered = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();

        HttpResponse<String> revoked = service.postAsOperator("operator/certificates/" + answer.path("serial").asText()
                + "/revoke", "{\"reason\": \"key_compromise\"}", OPERATOR_TOKEN);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).path("status").asText()).isEqualTo("revoked");
        assertThat(JSON.readTree(revoked.body()).path("suspended_clients").toString()).contains(clientId);
        Map<String, AttributeValue> record = service.records().clientRecord(clientId).orElseThrow();
        assertThat(record.get("status").s()).isEqualTo("suspended");
        assertThat(record.toString()).as("the suspension's reason and its ClientSuspended event")
                .contains("certificate_revoked", "ClientSuspended");

        assertThat(openssl(answer.path("certificate").asText(), crlPem())).as("openssl verify after revocation")
                .contains("certificate revoked");
        assertRefused(service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint())))), "unapproved_software_statement");
        String log = service.output();
        assertThat(log).contains("\"action\":\"certificate.challenge\"", "\"action\":\"certificate.issue\"",
                "\"action\":\"certificate.revoke\"", "\"audit\":\"OperatorAction\"", "\"caller\":\"local-operator\"", "\"developer_id\":\"" + DEVELOPER + "\"");
        assertThat(log).doesNotContain(pkcs8Body(ca), OPERATOR_TOKEN, token);
    }

    @Test
    void refusesAChallengeUrlThatDoesNotServeExactlyTheToken() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        String token = challenge(DEVELOPER, iss);
        serve(host, token, "<html>" + token + "</html>");

        HttpResponse<String> refused = issue(host, iss, DEVELOPER, token);

        assertRefusedAt(refused, "/challenge");
        assertThat(service.sites().challengeRequests(challengeUrl(host, token))).isOne();
        serve(host, token, token);
        assertThat(issue(host, iss, DEVELOPER, token).statusCode()).as("a refused request leaves its challenge unused")
                .isEqualTo(201);
    }

    @Test
    void aTokenIssuesOneCertificateOnly() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        String token = challenge(DEVELOPER, iss);
        serve(host, token, token);

        assertThat(issue(host, iss, DEVELOPER, token).statusCode()).isEqualTo(201);
        HttpResponse<String> replayed = issue(host, iss, DEVELOPER, token);

        assertRefusedAt(replayed, "/challenge");
        assertThat(JSON.readTree(replayed.body()).path("errors").toString()).contains("used already");
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        String token = challenge(DEVELOPER, iss);
        serve(host, token, token);
        // 24 hours passing, as the table sees it: the challenge's expiry (its time to live) set to a second ago.
        service.records().setNumber(CERTIFICATES_TABLE, Map.of("pk", AttributeValue.fromS("CHALLENGE#" + sha256Hex(token)),
                "sk", AttributeValue.fromS("CHALLENGE")), "expiresAt", Instant.now().getEpochSecond() - 1);

        HttpResponse<String> refused = issue(host, iss, DEVELOPER, token);

        assertRefusedAt(refused, "/challenge");
        assertThat(JSON.readTree(refused.body()).path("errors").toString()).contains("expired");
        assertThat(service.sites().challengeRequests(challengeUrl(host, token))).as("refused before fetching").isZero();
    }

    @Test
    void refusesAClientUriBoundToAnotherDevelopersValidCertificate() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        String owners = challenge("dev-owner", iss);
        String thiefs = challenge("dev-thief", iss);
        serve(host, owners, owners);
        serve(host, thiefs, thiefs);
        assertThat(issue(host, iss, "dev-owner", owners).statusCode()).isEqualTo(201);

        assertRefusedAt(issue(host, iss, "dev-thief", thiefs), "/san_uri");
        assertRefusedAt(service.postAsOperator("operator/certificates/challenges", JSON.createObjectNode()
                .put("developer_id", "dev-thief").put("san_uri", iss).toString(), OPERATOR_TOKEN), "/san_uri");
        assertRefusedAt(issue(host, iss, "dev-thief", owners), "/challenge");
    }

    @Test
    void aSuspendedUdapClientCannotCancelAndComeBackActive() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        KeyPair keys = TestKeys.rsa();
        String token = challenge(DEVELOPER, iss);
        serve(host, token, token);
        HttpResponse<String> issued = issue(host, iss, DEVELOPER, token, keys);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        X509Certificate certificate = certificate(JSON.readTree(issued.body()).path("certificate").asText());
        UdapClient client = new UdapClient(iss, host, new TestCredential(certificate, keys), List.of(certificate));
        HttpResponse<String> registered = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()))));
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();
        HttpResponse<String> suspended = service.postAsOperator("operator/clients/" + clientId + "/suspend", null,
                OPERATOR_TOKEN);
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);

        ObjectNode cancel = client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint());
        cancel.putArray("grant_types");
        HttpResponse<String> cancelled = service.register(UdapClient.body(client.sign(cancel)));
        HttpResponse<String> again = service.register(UdapClient.body(client.sign(
                client.claims(CLIENT_CREDENTIALS, service.registrationEndpoint()))));

        assertRefused(cancelled, "invalid_client_metadata");
        assertThat(cancelled.body()).contains("suspended");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("client_id").asText()).isEqualTo(clientId);
        assertThat(service.records().clientRecord(clientId).orElseThrow().get("status").s()).isEqualTo("suspended");
    }

    /** {@code POST /operator/certificates/challenges}: the token, after checking the answer's url and expiry. */
    private static String challenge(String developer, String sanUri) throws Exception {
        HttpResponse<String> answer = service.postAsOperator("operator/certificates/challenges", JSON.createObjectNode()
                .put("developer_id", developer).put("san_uri", sanUri).toString(), OPERATOR_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode json = JSON.readTree(answer.body());
        String token = json.path("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(json.path("url").asText()).isEqualTo(challengeUrl(URI.create(sanUri).getHost(), token));
        assertThat(Instant.parse(json.path("expires_at").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
        return token;
    }

    private static String challengeUrl(String host, String token) {
        return "https://" + host + UdapSites.CHALLENGE_PATH + token;
    }

    private static void serve(String host, String token, String body) {
        service.sites().serveChallenge(challengeUrl(host, token), body);
    }

    /** A certificate request for a fresh key from the developer, for the app on the host. */
    private static HttpResponse<String> issue(String host, String iss, String developer, String token) throws Exception {
        return issue(host, iss, developer, token, TestKeys.rsa());
    }

    private static HttpResponse<String> issue(String host, String iss, String developer, String token, KeyPair keys)
            throws Exception {
        ObjectNode metadata = metadata(new UdapClient(iss, host, null, List.of())
                .claims(CLIENT_CREDENTIALS, service.registrationEndpoint()));
        return service.postAsOperator("operator/certificates", request(csr(keys, iss), iss, metadata, developer, token),
                OPERATOR_TOKEN);
    }

    private static void assertRefusedAt(HttpResponse<String> refused, String pointer) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("errors").findValuesAsText("field")).as(refused.body()).contains(pointer);
    }

    private static String sha256Hex(String token) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(UTF_8)));
    }

    @Test
    void refusesACsrForAnotherClientUriThanTheMetadataAllows() throws Exception {
        String host = service.sites().nextHost();
        String iss = "https://" + host + "/udap";
        ObjectNode metadata = metadata(new UdapClient(iss, host, null, List.of())
                .claims(CLIENT_CREDENTIALS, service.registrationEndpoint()));

        String token = challenge(DEVELOPER, iss);
        serve(host, token, token);
        HttpResponse<String> refused = service.postAsOperator("operator/certificates",
                request(csr(TestKeys.rsa(), "https://elsewhere.example.com/udap"), iss, metadata, DEVELOPER, token),
                OPERATOR_TOKEN);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("errors").toString()).contains("/csr");
    }

    @Test
    void publishesTheCrlAsDerSignedByTheCa() throws Exception {
        HttpResponse<byte[]> crl = service.download("crl/" + CA_NAME + ".crl", "application/pkix-crl");

        assertThat(crl.statusCode()).isEqualTo(200);
        assertThat(crl.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        parsed.verify(ca.certificate().getPublicKey());
        assertThat(service.download("crl/other.crl", "application/pkix-crl").statusCode()).isEqualTo(404);
    }

    /** The statement's registration metadata without its JWT claims: what the app will send. */
    private static ObjectNode metadata(ObjectNode claims) {
        ObjectNode metadata = claims.deepCopy();
        metadata.remove(List.of("iss", "sub", "aud", "exp", "iat", "jti"));
        return metadata;
    }

    private static String request(String csr, String sanUri, ObjectNode metadata, String developer, String token) {
        ObjectNode body = JSON.createObjectNode().put("csr", csr).put("san_uri", sanUri).put("developer_id", developer)
                .put("challenge", token);
        body.set("metadata", metadata);
        return body.toString();
    }

    /** A PKCS#10 request signed with the key, asking for the SAN URI. */
    private static String csr(KeyPair keys, String sanUri) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, sanUri)));
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                new X500Principal("CN=Developer certificate IT app"), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
        return pem("CERTIFICATE REQUEST", request.getEncoded());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(UTF_8)));
    }

    /** The CRL as openssl's and Java's fetchers ask for it: accepting anything. */
    private static String crlPem() throws Exception {
        HttpResponse<byte[]> crl = service.download("crl/" + CA_NAME + ".crl", "*/*");
        assertThat(crl.statusCode()).isEqualTo(200);
        return pem("X509 CRL", crl.body());
    }

    /** {@code openssl verify -crl_check} of the certificate against the CA and the CRL: its combined output. */
    private String openssl(String certificatePem, String crlPem) throws Exception {
        Path caFile = Files.writeString(directory.resolve("ca.pem"), TestPki.pem(ca.certificate()));
        Path crlFile = Files.writeString(directory.resolve("crl.pem"), crlPem);
        Path leafFile = Files.writeString(directory.resolve("leaf.pem"), certificatePem);
        Process process = new ProcessBuilder(OPENSSL.toString(), "verify", "-CAfile", caFile.toString(), "-crl_check",
                "-CRLfile", crlFile.toString(), "-purpose", "sslclient", leafFile.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), UTF_8);
    }

    private static String pkcs8(TestAuthority authority) {
        return pem("PRIVATE KEY", authority.credential().privateKey().getEncoded());
    }

    /** A line of the key file's base64 from its middle: what must never appear in a log. */
    private static String pkcs8Body(TestAuthority authority) {
        return pkcs8(authority).split("\n")[3];
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String write(Path directory, String file, String text) throws Exception {
        return Files.writeString(directory.resolve(file), text, UTF_8).toString();
    }
}
