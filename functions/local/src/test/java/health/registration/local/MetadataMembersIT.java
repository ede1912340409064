package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.local.LocalApiCalls.Answer;
import health.registration.core.policy.rules.TestJwks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end, registration policy section 9 through {@code scripts/local-api} (the packaged jar, the real register and
 * manage handlers, the real prober against HTTPS fixtures on 127.0.0.45, DynamoDB and Secrets Manager in moto): every
 * member the service understands is checked, so the hostile members an attacker would hand the authorization server
 * are refused with 400 and a JSON pointer each, and members it does not understand are dropped: neither stored nor
 * echoed in the 201 answer, the RFC 7592 read or the RFC 7592 update. Names that resolve to private addresses come
 * from the prober's hosts-file seam; the prober refuses them before connecting, so nothing leaves loopback.
 */
class MetadataMembersIT {

    private static final String ADDRESS = "127.0.0.45";
    private static final String LABEL = "members";
    private static final int HOSTS = 20;
    /** Names the hosts-file seam maps to private addresses (policy section 5). */
    private static final String PRIVATE_KEYS_HOST = "keys.members-private.example.com";
    private static final String PRIVATE_REQUESTS_HOST = "requests.members-private.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        Path hosts = Files.createTempFile("metadata-members-it", ".hosts");
        StringBuilder lines = new StringBuilder();
        IntStream.rangeClosed(1, HOSTS).forEach(n ->
                lines.append(ADDRESS).append(' ').append(LABEL).append(n).append('.').append(RegistrationSites.DOMAIN).append('\n'));
        lines.append("10.0.0.7 ").append(PRIVATE_KEYS_HOST).append('\n');
        lines.append("192.168.1.10 ").append(PRIVATE_REQUESTS_HOST).append('\n');
        Files.writeString(hosts, lines, StandardCharsets.UTF_8);
        service = LocalRegistrationService.start("metadata-members-it", ADDRESS, LABEL, HOSTS,
                Map.of("PROBE_HOSTS_FILE", hosts.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static Answer send(String method, String path, JsonNode body, String token) throws Exception {
        return LocalApiCalls.send(service.api().baseUri(), method, path, body, token);
    }

    private static Answer register(JsonNode body) throws Exception {
        return send("POST", "/register", body, null);
    }

    /** A registration whose every URL is hosted on a fresh fixture host. */
    private static ObjectNode hosted(String host) throws Exception {
        return RegistrationMetadata.jsonHostedOn(host);
    }

    private static List<String> fields(Answer answer) {
        return answer.json().path("errors").findValuesAsText("field");
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # member                  | value (JSON, $KEY: a generated key; {host}: the registration's host) | refused at    | reason
        jwks_uri                  | "https://169.254.169.254/keys"                         | /jwks_uri                      | the cloud metadata address, an IP literal
        jwks                      | {"keys": [$OCT]}                                       | /jwks/keys/0/kty               | a symmetric key
        jwks                      | {"keys": [$P256, $RSA2048_PRIVATE]}                    | /jwks/keys/1/d                 | a private key
        post_logout_redirect_uris | ["javascript:alert(1)"]                                | /post_logout_redirect_uris/0   | script after logout
        request_uris              | ["https://10.0.0.7/request.jwt"]                       | /request_uris/0                | request objects on a private address
        sector_identifier_uri     | "file:///etc/passwd"                                   | /sector_identifier_uri         | a local file
        initiate_login_uri        | "http://{host}/page/login"                             | /initiate_login_uri            | plain http
        """)
    void refusesHostileMembersWith400AndTheirPointers(String member, String value, String field, String reason) throws Exception {
        String host = service.sites().nextHost();
        ObjectNode body = hosted(host);
        body.set(member, JSON.readTree(TestJwks.expand(value).replace("{host}", host)));
        int before = service.records().clientRecords().size();

        Answer refused = register(body);

        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(fields(refused)).as(reason).containsExactly(field);
        assertThat(refused.json().toString()).as("no key material echoed").doesNotContain("\"d\"", "\"k\"");
        assertThat(service.records().clientRecords()).as("nothing stored").hasSize(before);
    }

    @Test
    void refusesUrlMembersWhoseNamesResolveToPrivateAddressesWithoutConnecting() throws Exception {
        String host = service.sites().nextHost();
        ObjectNode body = hosted(host);
        body.put("jwks_uri", "https://" + PRIVATE_KEYS_HOST + "/jwks.json");
        body.putArray("request_uris").add("https://" + PRIVATE_REQUESTS_HOST + "/request.jwt");
        int requestsBefore = service.sites().requests();

        Answer refused = register(body);

        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("/jwks_uri", "/request_uris/0");
        assertThat(refused.json().path("errors").findValuesAsText("description")).hasSize(2)
                .allSatisfy(d -> assertThat(d).contains("only public internet addresses are accepted"));
        assertThat(service.sites().requests() - requestsBefore).as("only the registration's own five URLs were fetched")
                .isEqualTo(5);
    }

    @Test
    void dropsUnknownMembersFromTheAnswerTheRecordTheReadAndTheUpdate() throws Exception {
        String host = service.sites().nextHost();
        ObjectNode body = hosted(host);
        body.put("software_version", "2.1");
        body.putArray("post_logout_redirect_uris").add("https://" + host + "/page/signed-out");
        body.put("x_vendor_extension", "not understood");
        body.putObject("id_token_encrypted_response_alg").put("nested", true);
        body.put("Client_Name", "case matters");
        body.put("client_status", "active");

        Answer created = register(body);

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String id = created.json().path("client_id").asText();
        String token = created.json().path("registration_access_token").asText();
        URI clientUri = URI.create(created.json().path("registration_client_uri").asText());
        String stored = service.records().clientRecord(id).orElseThrow().get("metadata").s();
        Answer read = send("GET", "/register/" + id, null, token);
        assertThat(read.status()).isEqualTo(200);
        for (JsonNode shown : List.of(created.json(), JSON.readTree(stored), read.json())) {
            assertThat(shown.has("x_vendor_extension") || shown.has("id_token_encrypted_response_alg") || shown.has("Client_Name"))
                    .as("not understood, so dropped (RFC 7591 section 2): " + shown).isFalse();
            assertThat(shown.path("software_version").asText()).isEqualTo("2.1");
            assertThat(shown.path("post_logout_redirect_uris").get(0).asText()).endsWith("/page/signed-out");
        }
        assertThat(JSON.readTree(stored).has("client_status")).isFalse();

        ObjectNode update = (ObjectNode) read.json().deepCopy();
        update.remove(List.of("client_status", "url_checks", "client_id_issued_at", "client_secret_expires_at",
                "registration_client_uri"));
        update.put("x_added_on_update", 1);
        // RFC 7592 §2.1: the read answered a new token, which the client uses from now on.
        Answer updated = send("PUT", "/register/" + id, update,
                read.json().path("registration_access_token").asText());

        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        assertThat(updated.json().has("x_added_on_update")).isFalse();
        assertThat(JSON.readTree(service.records().clientRecord(id).orElseThrow().get("metadata").s()).has("x_added_on_update")).isFalse();
        assertThat(clientUri.getPath()).endsWith("/register/" + id);
    }
}
