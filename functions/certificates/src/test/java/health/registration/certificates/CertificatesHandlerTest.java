package health.registration.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.certificate.CertificateAuthority;
import health.registration.core.certificate.CertificateAuthoritySettings;
import health.registration.core.certificate.CertificateRequestReview;
import health.registration.core.certificate.IssuingAuthority;
import health.registration.core.certificate.IssuingAuthoritySource;
import health.registration.core.certificate.CertificateOwnership;
import health.registration.core.certificate.IssuedCertificate;
import health.registration.core.certificate.RevokedCertificateClients;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.port.InMemoryChallengeStore;
import health.registration.core.port.InMemoryClientEvents;
import health.registration.core.port.InMemoryUdapClientStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.ServedChallenges;
import health.registration.core.probe.ProbeReport;
import health.registration.core.operator.OperatorAction;
import health.registration.core.policy.PolicyContext;
import health.registration.core.port.InMemoryCertificateStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.testkit.RecordingLambdaContext;
import health.registration.testkit.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every {@code events/certificates-*.json} through the handler, on an in-memory store and prober. */
class CertificatesHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-28T20:30:00Z");
    private static final String CALLER = "arn:aws:sts::123456789012:assumed-role/registration-operator/operator";
    private static final TestAuthority ROOT = TestAuthority.root("Developer Certificates Test CA", TestKeys.rsa(),
            NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)), "http://unused.example.com/root.crl");
    private static final String SAMPLE_SERIAL = "4f0c2a9e1b7d3c5a";

    private static final String DEVELOPER = "dev-4711";

    /** The token of the last challenge the handler issued: what must never reach a log line. */
    private String lastToken;

    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final List<OperatorAction> audited = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.at(NOW);
    private final ServedChallenges site = new ServedChallenges();
    private final InMemoryUdapClientStore udapClients = new InMemoryUdapClientStore();
    private final InMemoryClientEvents events = new InMemoryClientEvents();
    private final CertificateAuthority authority = new CertificateAuthority(IssuingAuthoritySource.of(
            IssuingAuthority.of(ROOT.credential().privateKey(), List.of(ROOT.certificate()), "developers")),
            CertificateAuthoritySettings.defaults(URI.create("https://registration.example.com")),
            new CertificateRequestReview(new PolicyContext(URI.create("https://vendor.example.com/manual")),
                    new InMemoryUrlProber(), new CertificateOwnership(new InMemoryChallengeStore(), site, store, clock)),
            store, clock);
    private final CertificatesHandler handler = new CertificatesHandler(authority,
            new RevokedCertificateClients(udapClients, udapClients.clients(), events, clock),
            new CertificateAuditTrail(Optional.of(audited::add), clock));
    private final RecordingLambdaContext lambda = new RecordingLambdaContext("certificates");

    private JsonNode invoke(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return JSON.readTree(out.toByteArray());
    }

    private static ObjectNode sample(String name) {
        return SampleEvents.read(SampleEvents.folder().resolve("certificates-" + name + ".json"));
    }

    private static JsonNode body(JsonNode response) throws IOException {
        return JSON.readTree(response.path("body").asText());
    }

    /** The challenge sample's token, served where the authority looks for it. */
    private String servedChallenge() throws IOException {
        JsonNode response = invoke(sample("challenge"));
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        JsonNode challenge = body(response);
        lastToken = challenge.path("token").asText();
        site.serve(challenge.path("url").asText(), lastToken + "\n");
        return lastToken;
    }

    /** The issue sample, answering a challenge issued just now. */
    private ObjectNode provenIssue() throws IOException {
        String token = servedChallenge();
        ObjectNode event = sample("issue");
        ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
        request.put("challenge", token);
        return event.put("body", request.toString());
    }

    private JsonNode issue() throws IOException {
        JsonNode response = invoke(provenIssue());
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        return body(response);
    }

    private ObjectNode revokeEvent(String serial) {
        ObjectNode event = sample("revoke");
        ((ObjectNode) event.path("pathParameters")).put(CertificateRequests.SERIAL_PARAMETER, serial);
        return event;
    }

    @Test
    void issuesTheSampleRequestForItsClientUriRecordingTheCaller() throws Exception {
        JsonNode issued = issue();

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(issued.path("certificate").asText().getBytes(StandardCharsets.UTF_8)));
        certificate.verify(ROOT.certificate().getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList())
                .containsExactly("https://app.example.com/udap");
        assertThat(issued.path("requester").asText()).isEqualTo(CALLER);
        assertThat(issued.path("crl_url").asText()).isEqualTo("https://registration.example.com/crl/developers.crl");
        assertThat(store.all()).singleElement().satisfies(record -> {
            assertThat(record.requester()).isEqualTo(CALLER);
            assertThat(record.metadata()).contains("Example Scheduling App");
        });
        assertThat(audited).usingRecursiveFieldByFieldElementComparatorIgnoringFields("requestId", "facts")
                .containsExactly(new OperatorAction("certificate.challenge", CALLER, null, "done", NOW, DEVELOPER),
                        new OperatorAction("certificate.issue", CALLER, issued.path("serial").asText(), "done", NOW, DEVELOPER));
        assertThat(audited).extracting(OperatorAction::requestId).doesNotContainNull();
        assertThat(audited.get(1).facts()).containsOnlyKeys("ca", "san_uri");
        assertThat(issued.path("developer_id").asText()).isEqualTo(DEVELOPER);
        assertThat(store.all().get(0).developerId()).isEqualTo(DEVELOPER);
        assertThat(String.join("", lambda.loggedLines())).contains("\"action\":\"certificate.issue\"", "\"audit\":\"OperatorAction\"", CALLER,
                        "\"developer_id\":\"" + DEVELOPER + "\"")
                .doesNotContain("PRIVATE KEY", "CERTIFICATE REQUEST", "BEGIN CERTIFICATE", lastToken);
    }

    @Test
    void revokesAndPublishesADerCrlListingTheSerial() throws Exception {
        String serial = issue().path("serial").asText();
        clock.set(NOW.plusSeconds(60));

        JsonNode revoked = invoke(revokeEvent(serial));
        JsonNode crl = invoke(sample("crl"));

        assertThat(revoked.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(revoked).path("status").asText()).isEqualTo("revoked");
        assertThat(body(revoked).path("reason").asText()).isEqualTo("key_compromise");
        assertThat(crl.path("statusCode").asInt()).isEqualTo(200);
        assertThat(crl.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(crl.path("headers").path("Content-Type").asText()).isEqualTo("application/pkix-crl");
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                new ByteArrayInputStream(Base64.getDecoder().decode(crl.path("body").asText())));
        parsed.verify(ROOT.certificate().getPublicKey());
        assertThat(parsed.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
        assertThat(audited).extracting(OperatorAction::action)
                .containsExactly("certificate.challenge", "certificate.issue", "certificate.revoke", "certificate.revoke");
        assertThat(audited).extracting(OperatorAction::outcome).containsExactly("done", "done", "done", "clients_suspended");
        assertThat(audited).extracting(OperatorAction::developerId).containsOnly(DEVELOPER);
    }

    @Test
    void answers404ForTheSampleSerialThatWasNeverIssuedAndAnotherCaFile() throws Exception {
        JsonNode revoked = invoke(sample("revoke"));
        ObjectNode otherCa = sample("crl");
        ((ObjectNode) otherCa.path("pathParameters")).put(CertificateRequests.FILE_PARAMETER, "other.crl");

        assertThat(revoked.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(revoked).path("error").asText()).isEqualTo("not_found");
        assertThat(audited).singleElement().usingRecursiveComparison().ignoringFields("requestId")
                .isEqualTo(new OperatorAction("certificate.revoke", CALLER, SAMPLE_SERIAL, "not_found", NOW));
        JsonNode otherCrl = invoke(otherCa);
        assertThat(otherCrl.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(otherCrl).path("error").asText()).isEqualTo("not_found");
    }

    @Test
    void refusesIssuingAndRevokingWithoutAnIamCallerButServesTheCrl() throws Exception {
        String serial = issue().path("serial").asText();
        ObjectNode unsignedIssue = provenIssue();
        ((ObjectNode) unsignedIssue.path("requestContext").path("identity")).remove("userArn");
        ObjectNode unsignedRevoke = revokeEvent(serial);
        ((ObjectNode) unsignedRevoke.path("requestContext").path("identity")).remove("userArn");

        for (ObjectNode unsigned : List.of(unsignedIssue, unsignedRevoke)) {
            JsonNode refused = invoke(unsigned);
            assertThat(refused.path("statusCode").asInt()).isEqualTo(403);
            assertThat(body(refused).path("error").asText()).isEqualTo("access_denied");
        }
        assertThat(store.all()).singleElement().satisfies(record -> assertThat(record.revoked()).isEmpty());
        assertThat(invoke(sample("crl")).path("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void refusesAnUnknownReasonAndMalformedJsonWith400() throws Exception {
        String serial = issue().path("serial").asText();
        ObjectNode badReason = revokeEvent(serial).put("body", "{\"reason\": \"certificate_hold\"}");
        ObjectNode malformed = sample("issue").put("body", "{\"csr\": ");

        assertThat(invoke(badReason).path("statusCode").asInt()).isEqualTo(400);
        JsonNode refused = invoke(malformed);
        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        // The edge's strict body reader answers malformed JSON as it does on every route.
        assertThat(body(refused).path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(store.all().get(0).revoked()).isEmpty();
    }

    @Test
    void refusesMetadataThatFailsThePolicyNamingTheMemberUnderMetadata() throws Exception {
        ObjectNode event = provenIssue();
        ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
        ((ObjectNode) request.path("metadata")).remove("logo_uri");

        JsonNode refused = invoke(event.put("body", request.toString()));

        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("errors").toString()).contains("/metadata/logo_uri");
        assertThat(store.all()).isEmpty();
        assertThat(audited).extracting(OperatorAction::outcome).containsExactly("done", "refused");
    }

    @Test
    void refusesAWeakKeyWithABadSignatureAtCsrAndIssuesNothing() throws Exception {
        java.security.KeyPair weak = TestKeys.rsa(1024);
        org.bouncycastle.asn1.x509.ExtensionsGenerator extensions = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        extensions.addExtension(org.bouncycastle.asn1.x509.Extension.subjectAlternativeName, false,
                new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, "https://app.example.com/udap")));
        byte[] der = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new javax.security.auth.x500.X500Principal("CN=Weak"), weak.getPublic())
                .addAttribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(weak.getPrivate()))
                .getEncoded();
        der[der.length - 1] ^= 1;
        ObjectNode event = sample("issue");
        ObjectNode request = (ObjectNode) JSON.readTree(event.path("body").asText());
        request.put("csr", Base64.getEncoder().encodeToString(der));

        JsonNode refused = invoke(event.put("body", request.toString()));

        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("errors").findValuesAsText("field")).contains("/csr");
        assertThat(body(refused).path("errors").toString()).contains("2048", "signature");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void signsTheCrlOnTheScheduleOnlyWhenItNearsItsNextUpdate() throws Exception {
        JsonNode first = JSON.readTree(invokeRaw(sample("refresh")));
        clock.set(NOW.plus(Duration.ofDays(1)));
        JsonNode kept = JSON.readTree(invokeRaw(sample("refresh")));
        clock.set(NOW.plus(Duration.ofDays(6)).plusSeconds(1));
        JsonNode renewed = JSON.readTree(invokeRaw(sample("refresh")));

        assertThat(first.path("crl_number").asText()).isEqualTo("1");
        assertThat(kept.path("crl_number").asText()).isEqualTo("1");
        assertThat(renewed.path("crl_number").asText()).isEqualTo("2");
        assertThat(renewed.path("next_update").asText()).isEqualTo(NOW.plus(Duration.ofDays(13)).plusSeconds(1).toString());
    }

    @Test
    void answersTheChallengeSampleWithATokenAndTheUrlOnTheClientUrisHost() throws Exception {
        JsonNode response = invoke(sample("challenge"));

        assertThat(response.path("statusCode").asInt()).isEqualTo(201);
        JsonNode challenge = body(response);
        assertThat(challenge.path("token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(challenge.path("url").asText()).isEqualTo("https://app.example.com/.well-known/udap-certificate-challenge/"
                + challenge.path("token").asText());
        assertThat(challenge.path("expires_at").asText()).isEqualTo(NOW.plus(Duration.ofHours(24)).toString());
        assertThat(String.join("", lambda.loggedLines())).contains("\"action\":\"certificate.challenge\"")
                .doesNotContain(challenge.path("token").asText());
    }

    @Test
    void refusesAChallengeForAMalformedDeveloperIdWithoutWritingItToTheLog() throws Exception {
        ObjectNode event = sample("challenge").put("body", "{\"developer_id\": \"dev 4711\\nforged\", "
                + "\"san_uri\": \"https://app.example.com/udap\"}");

        JsonNode refused = invoke(event);

        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("errors").findValuesAsText("field")).containsExactly("/developer_id");
        assertThat(String.join("", lambda.loggedLines())).contains("\"action\":\"certificate.challenge\"")
                .doesNotContain("forged");
        assertThat(audited).singleElement().satisfies(action -> {
            assertThat(action.outcome()).isEqualTo("refused");
            assertThat(action.developerId()).isNull();
        });
    }

    @Test
    void refusesTheIssueSampleWithItsMadeUpChallengeAtChallenge() throws Exception {
        JsonNode refused = invoke(sample("issue"));

        assertThat(refused.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(refused).path("errors").findValuesAsText("field")).containsExactly("/challenge");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void revokingSuspendsTheUdapClientsBoundToTheCertificate() throws Exception {
        JsonNode issued = issue();
        IssuedCertificate certificate = store.all().get(0);
        ClientRecord client = new ClientRecord(SequentialIdSource.clientId(1), ClientStatus.ACTIVE,
                ClientMetadata.of((ObjectNode) JSON.readTree(certificate.metadata())),
                Credentials.ofCertificate(new CertificateBinding(certificate.sanUri(), "urn:example:community",
                        certificate.certificate(), certificate.thumbprint()), NOW),
                new UrlChecks(NOW, new ProbeReport(List.of()), NOW.plus(Duration.ofDays(1))), NOW, NOW, 1);
        udapClients.register(client);

        JsonNode revoked = invoke(revokeEvent(issued.path("serial").asText()));

        assertThat(body(revoked).path("suspended_clients").get(0).asText()).isEqualTo(client.clientId().value());
        assertThat(udapClients.clients().find(client.clientId()).orElseThrow().status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(events.published()).singleElement().satisfies(event ->
                assertThat(event.problems()).extracting(p -> p.code()).containsExactly("certificate_revoked"));
    }

    private byte[] invokeRaw(ObjectNode event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(event)), out, lambda);
        return out.toByteArray();
    }
}
