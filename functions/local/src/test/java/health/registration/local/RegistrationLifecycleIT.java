package health.registration.local;

import static health.registration.local.RegistrationAnswers.assertInvalidToken;
import static health.registration.local.RegistrationAnswers.assertNewClient;
import static health.registration.local.RegistrationAnswers.assertRegistrationError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * End to end, RFC 7591 and RFC 7592 through {@code scripts/local-api} (the packaged jar, the real template, the real
 * register and manage handlers, the real prober against HTTPS fixtures on 127.0.0.41, DynamoDB and Secrets Manager in
 * moto), with the Nimbus OAuth 2.0 SDK as the client: it builds every request and parses every answer. What the
 * service stored is read back from moto. Each test registers on host names of its own; nothing but 127.0.0.x is
 * contacted. The last test stops the API and searches its whole log for every credential issued.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalRegistrationService service;
    private static RegistrationClient client;
    private static EmulatorRecords records;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("registration-lifecycle-it", "127.0.0.41", "app", 40);
        client = service.client();
        records = service.records();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void issuesAClientWhoseSecretSecretsManagerKeepsUnderItsIdAndTagsWithIt() throws Exception {
        String host = service.sites().nextHost();
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(host)), service.publicBaseUrl());
        String id = created.getID().getValue();

        assertThat(created.getMetadata().getName()).isEqualTo("Registration IT app at " + host);
        assertThat(created.getMetadata().getRedirectionURIs()).containsExactly(URI.create("https://" + host + "/callback"));
        assertThat(records.secretValue(id)).isEqualTo(created.getSecret().getValue());
        DescribeSecretResponse secret = records.describeSecret(id);
        assertThat(secret.name()).isEqualTo(records.secretName(id));
        assertThat(secret.tags()).contains(Tag.builder().key("client_id").value(id).build());
        assertThat(secret.deletedDate()).isNull();
        assertThat(records.clientRecord(id)).hasValueSatisfying(item -> assertThat(item.get("status").s()).isEqualTo("active"));
    }

    @Test
    void readsTheClientBackWithItsMetadataButNeverItsSecret() throws Exception {
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(service.sites().nextHost())),
                service.publicBaseUrl());

        RegistrationClient.Exchange read = client.read(created.getRegistrationURI(), created.getRegistrationAccessToken());

        assertThat(read.status()).as(read.http().getBody()).isEqualTo(200);
        assertThat(read.success().isForNewClient()).isFalse();
        assertThat(read.information().getID()).isEqualTo(created.getID());
        assertThat(read.information().getSecret()).isNull();
        assertThat(read.http().getBodyAsJSONObject()).doesNotContainKey("client_secret");
        // The read adds where the client stands under re-verification; everything else is the registered metadata.
        assertThat(read.http().getBodyAsJSONObject().get("client_status")).isEqualTo("active");
        JSONObject metadata = read.information().getMetadata().toJSONObject();
        metadata.remove("client_status");
        metadata.remove("url_checks");
        assertThat(metadata).isEqualTo(created.getMetadata().toJSONObject());
    }

    /** RFC 7592 §3: every read answers a token; the one read with works until the new one is used (or for 24 hours). */
    @Test
    void answersANewTokenOnEveryReadAndKeepsTheOneReadWithUntilTheNewOneIsUsed() throws Exception {
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(service.sites().nextHost())),
                service.publicBaseUrl());
        URI clientUri = created.getRegistrationURI();
        BearerAccessToken first = created.getRegistrationAccessToken();

        RegistrationClient.Exchange read = client.read(clientUri, first);
        assertThat(read.status()).as(read.http().getBody()).isEqualTo(200);
        assertThat(read.information().getRegistrationURI()).isEqualTo(clientUri);
        BearerAccessToken second = read.information().getRegistrationAccessToken();
        assertThat(second).as("registration_access_token").isNotNull().isNotEqualTo(first);
        assertThat(read.http().getHeaderValue("Cache-Control")).isEqualTo("no-store");

        // The answer was lost: the first token reads again, and the second, never used, is dropped.
        BearerAccessToken third = client.read(clientUri, first).information().getRegistrationAccessToken();
        assertInvalidToken(client.read(clientUri, second));
        // The first use of the third token retires the first.
        BearerAccessToken fourth = client.read(clientUri, third).information().getRegistrationAccessToken();
        assertInvalidToken(client.read(clientUri, first));
        assertThat(client.read(clientUri, fourth).status()).isEqualTo(200);

        String item = records.clientRecord(created.getID().getValue()).orElseThrow().toString();
        assertThat(item).contains("tokenHash", "previousTokenHash");
        for (BearerAccessToken token : new BearerAccessToken[] {first, second, third, fourth}) {
            assertThat(item).doesNotContain(token.getValue());
        }
    }

    /** RFC 7592 §2.2 as OAuth libraries use it: what a read answered goes back with one member changed. */
    @Test
    void acceptsBackWhatAReadAnsweredWithTheNameChangedButNotWithAChangedServerMember() throws Exception {
        String host = service.sites().nextHost();
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(host)), service.publicBaseUrl());
        RegistrationClient.Exchange read = client.read(created.getRegistrationURI(), created.getRegistrationAccessToken());

        RegistrationClient.Exchange updated = client.updateSendingBack(read, metadata -> metadata.setName("Sent back renamed"));

        assertThat(updated.status()).as(updated.http().getBody()).isEqualTo(200);
        assertThat(updated.information().getMetadata().getName()).isEqualTo("Sent back renamed");
        assertThat(updated.information().getIDIssueDate()).isEqualTo(created.getIDIssueDate());
        assertThat(updated.http().getBodyAsJSONObject().get("client_status")).isEqualTo("active");
        String id = created.getID().getValue();
        assertThat(records.clientRecord(id).orElseThrow().get("metadata").s()).contains("Sent back renamed")
                .doesNotContain("client_id_issued_at", "registration_access_token", "client_status", "url_checks");

        RegistrationClient.Exchange reread = client.read(created.getRegistrationURI(), updated.information().getRegistrationAccessToken());
        RegistrationClient.Exchange changed = client.updateSendingBack(reread, metadata -> {
            metadata.setName("Changed issue date");
            metadata.setCustomField("client_id_issued_at", created.getIDIssueDate().getTime() / 1000 - 86_400);
        });

        assertRegistrationError(changed, "invalid_request");
        assertThat(changed.error().getErrorObject().getDescription()).contains("client_id_issued_at");
        JsonNode errors = JSON.readTree(changed.http().getBody()).path("errors");
        assertThat(errors).extracting(error -> error.path("field").asText()).containsExactly("/client_id_issued_at");
        assertThat(records.clientRecord(id).orElseThrow().get("metadata").s()).contains("Sent back renamed");
    }

    @Test
    void updatesTheNameWithANewTokenRefusingTheOldOneAndKeepsTheSecret() throws Exception {
        String host = service.sites().nextHost();
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(host)), service.publicBaseUrl());

        RegistrationClient.Exchange updated = client.update(created, created.getRegistrationAccessToken(),
                RegistrationMetadata.renamed(host, "Renamed IT app"));

        assertThat(updated.status()).as(updated.http().getBody()).isEqualTo(200);
        BearerAccessToken rotated = updated.information().getRegistrationAccessToken();
        assertThat(rotated).isNotNull().isNotEqualTo(created.getRegistrationAccessToken());
        assertThat(updated.information().getMetadata().getName()).isEqualTo("Renamed IT app");
        assertThat(updated.information().getSecret()).as("the secret is kept, not shown again").isNull();
        assertInvalidToken(client.read(created.getRegistrationURI(), created.getRegistrationAccessToken()));
        RegistrationClient.Exchange reread = client.read(created.getRegistrationURI(), rotated);
        assertThat(reread.information().getMetadata().getName()).isEqualTo("Renamed IT app");
        assertThat(reread.information().getSecret()).isNull();
        String id = created.getID().getValue();
        assertThat(records.secretValue(id)).isEqualTo(created.getSecret().getValue());
        assertThat(records.describeSecret(id).tags()).contains(Tag.builder().key("client_id").value(id).build());
    }

    @Test
    void deletesTheRecordSchedulesTheSecretsDeletionAndThenRefusesTheToken() throws Exception {
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(service.sites().nextHost())),
                service.publicBaseUrl());
        String id = created.getID().getValue();

        assertThat(client.delete(created.getRegistrationURI(), created.getRegistrationAccessToken()).getStatusCode())
                .isEqualTo(204);

        assertThat(records.clientRecord(id)).as("the client record").isEmpty();
        assertThat(records.describeSecret(id).deletedDate()).as("the secret's scheduled deletion").isNotNull();
        assertInvalidToken(client.read(created.getRegistrationURI(), created.getRegistrationAccessToken()));
    }

    @ParameterizedTest(name = "{0} = {1}: {2}")
    @CsvSource({
        "redirect_uris, https://{host}/status/404,      invalid_redirect_uri",    // not hosted (policy section 5)
        "redirect_uris, com.example.app:/callback,      invalid_redirect_uri",    // private-use scheme: manual registration
        "logo_uri,      https://{host}/logo/png-as-html, invalid_client_metadata", // PNG bytes served as text/html
    })
    void refusesARegistrationWithTheRfc7591ErrorAndStoresNothing(String member, String url, String code) throws Exception {
        String host = service.sites().nextHost();

        RegistrationClient.Exchange refused = client.register(RegistrationMetadata.withUrl(host, member, url));

        assertRegistrationError(refused, code);
        assertThat(records.clientIdsMentioning(host)).isEmpty();
        if (url.startsWith("com.example.app")) {
            assertThat(refused.error().getErrorObject().getDescription()).contains(LocalRegistrationService.MANUAL_REGISTRATION_URL);
        }
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstAnswerAndRegistersOnce() throws Exception {
        String host = service.sites().nextHost();
        ClientMetadata metadata = RegistrationMetadata.hostedOn(host);
        String key = UUID.randomUUID().toString();

        RegistrationClient.Exchange first = client.register(metadata, key);
        RegistrationClient.Exchange repeated = client.register(metadata, key);
        RegistrationClient.Exchange asUrn = client.register(metadata, "urn:uuid:" + key.toUpperCase());

        String id = assertNewClient(first, service.publicBaseUrl()).getID().getValue();
        assertThat(repeated.status()).isEqualTo(201);
        assertThat(repeated.http().getBody()).isEqualTo(first.http().getBody());
        assertThat(asUrn.http().getBody()).as("the same UUID as an upper-case URN").isEqualTo(first.http().getBody());
        assertThat(records.clientIdsMentioning(host)).containsExactly(id);
        assertThat(records.secrets()).filteredOn(secret -> secret.name().equals(records.secretName(id))).hasSize(1);
    }

    /** An Idempotency-Key replays a client secret, so one of fewer than 128 bits is refused before anything is done. */
    @Test
    void refusesAGuessableIdempotencyKeyWith400AndRegistersNothing() throws Exception {
        String host = service.sites().nextHost();

        RegistrationClient.Exchange weak = client.register(RegistrationMetadata.hostedOn(host), "aaaaaaaaaaaaaaaa");

        assertThat(weak.status()).as(weak.http().getBody()).isEqualTo(400);
        assertThat(weak.error().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(weak.error().getErrorObject().getDescription()).contains("Idempotency-Key", "UUID", "base64url");
        assertThat(records.clientIdsMentioning(host)).isEmpty();
    }

    @Test
    void refusesAnIdempotencyKeyReusedWithAnotherBodyWith422() throws Exception {
        String host = service.sites().nextHost();
        String key = UUID.randomUUID().toString();
        assertNewClient(client.register(RegistrationMetadata.hostedOn(host), key), service.publicBaseUrl());

        RegistrationClient.Exchange reused = client.register(RegistrationMetadata.renamed(host, "Another body"), key);

        assertThat(reused.status()).as(reused.http().getBody()).isEqualTo(422);
        assertThat(reused.error().getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(records.clientIdsMentioning(host)).hasSize(1);
    }

    @Test
    void answersAWrongTokenAndAnUnknownClientIdAlikeWith401() throws Exception {
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(service.sites().nextHost())),
                service.publicBaseUrl());
        URI unknownClient = URI.create(service.publicBaseUrl() + "/register/" + new ClientID().getValue());

        RegistrationClient.Exchange wrongToken = client.read(created.getRegistrationURI(), new BearerAccessToken(64));
        RegistrationClient.Exchange unknownId = client.read(unknownClient, created.getRegistrationAccessToken());

        assertInvalidToken(wrongToken);
        assertInvalidToken(unknownId);
        assertThat(unknownId.http().getBody()).isEqualTo(wrongToken.http().getBody());
        assertThat(unknownId.http().getWWWAuthenticate()).isEqualTo(wrongToken.http().getWWWAuthenticate())
                .isEqualTo("Bearer error=\"" + BearerTokenError.INVALID_TOKEN.getCode() + "\"");
    }

    @Test
    void probeFunctionFindsEveryUrlOfARegistrationHosted() throws Exception {
        String metadata = RegistrationMetadata.hostedOn(service.sites().nextHost()).toJSONObject().toJSONString();

        HttpResponse<String> answer = service.api().post("/probe", "application/json", metadata);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(answer.body());
        assertThat(report.path("passed").booleanValue()).as(answer.body()).isTrue();
        assertThat(report.path("results")).hasSize(5);
    }

    /** Last, as it stops the service; it makes the requests whose log lines it looks for itself. */
    @Test
    @Order(Integer.MAX_VALUE)
    void logsEveryHandlerButNoIssuedClientSecretOrRegistrationToken() throws Exception {
        String host = service.sites().nextHost();
        String key = UUID.randomUUID().toString();
        ClientInformation created = assertNewClient(client.register(RegistrationMetadata.hostedOn(host), key),
                service.publicBaseUrl());
        assertThat(client.register(RegistrationMetadata.hostedOn(host), key).status()).as("replayed").isEqualTo(201);
        RegistrationClient.Exchange read = client.read(created.getRegistrationURI(), created.getRegistrationAccessToken());
        assertThat(read.status()).isEqualTo(200);
        RegistrationClient.Exchange updated = client.update(created, read.information().getRegistrationAccessToken(),
                RegistrationMetadata.renamed(host, "Logged IT app"));
        assertThat(updated.status()).as(updated.http().getBody()).isEqualTo(200);
        assertThat(client.delete(created.getRegistrationURI(), updated.information().getRegistrationAccessToken())
                .getStatusCode()).isEqualTo(204);
        String metadata = RegistrationMetadata.hostedOn(service.sites().nextHost()).toJSONObject().toJSONString();
        assertThat(service.api().post("/probe", "application/json", metadata).statusCode()).isEqualTo(200);

        String log = service.stopAndReadLog();

        assertThat(log).contains("POST /register -> 201", "GET /register/", "PUT /register/", "DELETE /register/")
                .contains("\"function\":\"register\"", "outcome=registered", "outcome=replayed")
                .contains("\"function\":\"manage\"", "\"function\":\"public-probe\"");
        assertThat(service.issued().count()).as("credentials issued in this class").isPositive();
        service.issued().assertNoneIn(log);
    }
}
