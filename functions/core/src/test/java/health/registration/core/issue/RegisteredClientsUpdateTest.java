package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.ProbeOutcome;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7592 §2.2 updates through {@link RegisteredClients}: the whole review again, a new token, the same secret.
 * Kept apart from {@link RegisteredClientsTest} (read, delete, authorization) so that each stays readable.
 */
class RegisteredClientsUpdateTest {

    private final IssuanceBench bench = new IssuanceBench();
    private final RegisteredClients clients = bench.registeredClients();
    private ManagedClient client;
    private ClientRecord before;

    @BeforeEach
    void registerOneClient() {
        client = ManagedClient.registerOn(bench);
        before = bench.clientStore.find(client.clientId()).orElseThrow();
        bench.clock.advance(Duration.ofHours(1));
    }

    @Test
    void replacesTheMetadataRotatesTheTokenAndKeepsTheSecret() {
        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), client.token(), client.update("Renamed App")));

        String newToken = shown.path("registration_access_token").asText();
        assertThat(newToken).isEqualTo(bench.ids.lastToken().value()).isNotEqualTo(client.token());
        assertThat(shown.path("client_name").asText()).isEqualTo("Renamed App");
        assertThat(shown.path("client_id").asText()).isEqualTo(client.id());
        assertThat(shown.has("client_secret")).isFalse();

        ClientRecord after = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(after.credentials().secretArn()).isEqualTo(before.credentials().secretArn());
        assertThat(after.credentials().registrationTokenHash()).isEqualTo(new RegistrationAccessToken(newToken).hash());
        assertThat(after.credentials().issuedAt()).isEqualTo(before.credentials().issuedAt());
        assertThat(after.checks().lastCheckedAt()).isEqualTo(bench.clock.instant());
        assertThat(after.metadata().names()).doesNotContain(ClientInformation.CLIENT_ID);
        assertThat(after.metadata().text("token_endpoint_auth_method")).contains("client_secret_basic");
        assertThat(bench.secretStore.read(client.clientId())).contains(new ClientSecret(client.secret()));
        assertThat(bench.ids.issuedSecrets()).hasSize(1);
        assertThat(bench.prober.calls()).isEqualTo(2);
        // Last: a read rotates the token again.
        assertThat(clients.read(client.id(), client.token())).isEqualTo(new ManagementOutcome.Unauthorized(true));
        assertThat(RegisteredClientsTest.shown(clients.read(client.id(), newToken)).path("client_name").asText()).isEqualTo("Renamed App");
    }

    @Test
    void acceptsTheClientsCurrentSecretInTheRequest() {
        ObjectNode request = client.updateJson("Renamed App");
        request.put(ClientInformation.CLIENT_SECRET, client.secret());

        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(shown.path("client_name").asText()).isEqualTo("Renamed App");
        assertThat(bench.clientStore.find(client.clientId()).orElseThrow().metadata().names())
                .doesNotContain(ClientInformation.CLIENT_SECRET);
    }

    static Stream<Arguments> malformedUpdates() {
        return Stream.of(
                row("client_id missing", (json, c) -> json.remove("client_id"), "/client_id"),
                row("client_id of another client", (json, c) -> json.put("client_id", SequentialIdSource.clientId(7).value()), "/client_id"),
                row("client_id not a string", (json, c) -> json.put("client_id", 1), "/client_id"),
                row("registration_access_token other than the bearer's", (json, c) -> json.put("registration_access_token",
                        "token-" + "9".repeat(37)), "/registration_access_token"),
                row("registration_access_token not a string", (json, c) -> json.put("registration_access_token", 1),
                        "/registration_access_token"),
                row("registration_client_uri of another client", (json, c) -> json.put("registration_client_uri",
                        "https://register.example.org/register/" + SequentialIdSource.clientId(7).value()), "/registration_client_uri"),
                row("registration_client_uri on another host", (json, c) -> json.put("registration_client_uri",
                        "https://attacker.example.net/register/" + c.id()), "/registration_client_uri"),
                row("client_secret_expires_at changed", (json, c) -> json.put("client_secret_expires_at", 1), "/client_secret_expires_at"),
                row("client_secret_expires_at null", (json, c) -> json.putNull("client_secret_expires_at"), "/client_secret_expires_at"),
                row("client_id_issued_at changed", (json, c) -> json.put("client_id_issued_at", 1740819601), "/client_id_issued_at"),
                row("client_id_issued_at as a string", (json, c) -> json.put("client_id_issued_at", "1740819600"), "/client_id_issued_at"),
                row("client_id_issued_at as a fraction", (json, c) -> json.put("client_id_issued_at", 1740819600.5), "/client_id_issued_at"),
                row("client_id_issued_at in milliseconds", (json, c) -> json.put("client_id_issued_at", 1740819600000L),
                        "/client_id_issued_at"),
                row("a wrong client_secret", (json, c) -> json.put("client_secret", "secret-" + "9".repeat(36)), "/client_secret"),
                row("client_secret not a string", (json, c) -> json.put("client_secret", 42), "/client_secret"),
                row("client_secret null", (json, c) -> json.putNull("client_secret"), "/client_secret"));
    }

    private static Arguments row(String what, BiConsumer<ObjectNode, ManagedClient> change, String field) {
        return arguments(what, change, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUpdates")
    void refusesAnUpdateThatBreaksRfc7592SectionTwoTwoAndChangesNothing(String what, BiConsumer<ObjectNode, ManagedClient> change,
                                                                     String field) {
        ObjectNode request = client.updateJson("Renamed App");
        change.accept(request, client);

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
        assertThat(error.errors()).extracting(Violation::field).containsExactly(field);
        assertThat(error.errors().get(0).description()).as("names the member").startsWith(field.substring(1));
        assertThat(error.errors().get(0).description()).doesNotContain("9999", "attacker", "1740819601");
        assertThat(bench.prober.calls()).as("probed only at registration").isOne();
        assertUnchanged();
    }

    static Stream<Arguments> serverMembersSentBackAsAnswered() {
        return Stream.of(
                sentBack("client_id_issued_at as answered", (json, c) -> json.put("client_id_issued_at", 1740819600)),
                sentBack("client_secret_expires_at as answered", (json, c) -> json.put("client_secret_expires_at", 0)),
                sentBack("client_secret_expires_at left out", (json, c) -> json.remove("client_secret_expires_at")),
                sentBack("registration_client_uri as answered", (json, c) -> json.put("registration_client_uri",
                        "https://register.example.org/register/" + c.id())),
                sentBack("registration_access_token the bearer's", (json, c) -> json.put("registration_access_token", c.token())),
                sentBack("every server member as answered", (json, c) -> json.put("client_id_issued_at", 1740819600)
                        .put("client_secret_expires_at", 0).put("registration_client_uri", "https://register.example.org/register/" + c.id())
                        .put("registration_access_token", c.token())),
                // Members of the read answer that are the service's own and read-only: not understood, so dropped.
                sentBack("client_status and url_checks sent back", (json, c) -> {
                    json.put("client_status", "suspended");
                    json.putObject("url_checks").put("consecutive_failures", 0).putArray("problems");
                }));
    }

    private static Arguments sentBack(String what, BiConsumer<ObjectNode, ManagedClient> change) {
        return arguments(what, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverMembersSentBackAsAnswered")
    void acceptsAnUpdateThatSendsServerMembersBackAsAnsweredAndIgnoresThem(String what, BiConsumer<ObjectNode, ManagedClient> change) {
        ObjectNode request = client.updateJson("Renamed App");
        change.accept(request, client);

        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(shown.path("client_name").asText()).isEqualTo("Renamed App");
        assertThat(shown.path("client_id_issued_at").asLong()).isEqualTo(IssuanceBench.START.getEpochSecond());
        assertThat(shown.path("client_status").asText()).isEqualTo("active");
        assertThat(shown.path("registration_access_token").asText()).isNotEqualTo(client.token());
        ClientRecord after = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(after.credentials().issuedAt()).isEqualTo(before.credentials().issuedAt());
        assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(after.metadata().names()).doesNotContain("client_id_issued_at", "client_secret_expires_at",
                "registration_client_uri", "registration_access_token", "client_status", "url_checks");
    }

    @Test
    void acceptsBackEverythingAReadAnsweredWithOneMemberChanged() {
        ObjectNode read = (ObjectNode) RegisteredClientsTest.shown(clients.read(client.id(), client.token()));
        String readToken = read.path("registration_access_token").asText();
        read.put("client_name", "Renamed App");

        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), readToken, ClientMetadata.of(read)));

        assertThat(shown.path("client_name").asText()).isEqualTo("Renamed App");
        assertThat(clients.read(client.id(), readToken)).as("the update's token replaced it").isEqualTo(new ManagementOutcome.Unauthorized(true));
    }

    @Test
    void acceptsTheTokenOfTheRequestWhenTheBearerHoldsThePreviousOne() {
        RegisteredClientsTest.shown(clients.read(client.id(), client.token()));
        ObjectNode request = client.updateJson("Renamed App");
        request.put("registration_access_token", client.token());

        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(shown.path("client_name").asText()).isEqualTo("Renamed App");
    }

    @Test
    void refusesTheNewTokenInTheBodyWhenTheBearerIsThePreviousOne() {
        String readToken = RegisteredClientsTest.shown(clients.read(client.id(), client.token())).path("registration_access_token").asText();
        ObjectNode request = client.updateJson("Renamed App");
        request.put("registration_access_token", readToken);

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.errors()).extracting(Violation::field).containsExactly("/registration_access_token");
        assertThat(error.errors().get(0).description()).doesNotContain(readToken, client.token());
    }

    @Test
    void reportsEveryRfc7592ProblemOfAnUpdateAtOnce() {
        ObjectNode request = client.updateJson("Renamed App");
        request.remove("client_id");
        request.put("registration_access_token", "not-the-token");
        request.put("client_secret", "not-the-secret");

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.errors()).extracting(Violation::field)
                .containsExactly("/client_id", "/registration_access_token", "/client_secret");
        assertUnchanged();
    }

    @Test
    void refusesMetadataTheStaticRulesRejectWithoutProbing() {
        ObjectNode request = client.updateJson("Renamed App");
        request.putArray("redirect_uris").add("http://app.example.com/callback");

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(bench.prober.calls()).isOne();
        assertUnchanged();
    }

    @Test
    void refusesHostileSectionNineMembersOnUpdateAsOnRegistration() {
        ObjectNode request = client.updateJson("Renamed App");
        request.putArray("post_logout_redirect_uris").add("javascript:alert(1)");
        request.put("sector_identifier_uri", "file:///etc/passwd");
        request.set("jwks", ValidMetadata.set(request.objectNode(), "keys", "[{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]"));

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.errors()).extracting(Violation::field)
                .containsExactly("/jwks/keys/0/kty", "/sector_identifier_uri", "/post_logout_redirect_uris/0");
        assertThat(bench.prober.calls()).as("refused before probing").isOne();
        assertUnchanged();
    }

    @Test
    void dropsUnknownMembersOfAnUpdate() {
        ObjectNode request = client.updateJson("Renamed App");
        request.put("x_vendor_extension", "not understood");

        JsonNode shown = RegisteredClientsTest.shown(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(shown.has("x_vendor_extension")).isFalse();
        assertThat(bench.clientStore.find(client.clientId()).orElseThrow().metadata().names()).doesNotContain("x_vendor_extension");
    }

    @Test
    void refusesMetadataWhoseUrlsFailProbing() {
        bench.prober.failing("https://app.example.com/terms-v2", ProbeOutcome.NOT_FOUND);
        ObjectNode request = client.updateJson("Example App");
        request.put("tos_uri", "https://app.example.com/terms-v2");

        RegistrationError error = refused(clients.update(client.id(), client.token(), ClientMetadata.of(request)));

        assertThat(error.errors()).extracting(Violation::field).containsExactly("/tos_uri");
        assertThat(bench.prober.calls()).isEqualTo(2);
        assertUnchanged();
    }

    @Test
    void answersConflictWhenAnotherUpdateWonTheRace() {
        ManagementOutcome[] concurrent = new ManagementOutcome[1];
        bench.prober.duringNextProbe(() -> concurrent[0] = clients.update(client.id(), client.token(), client.update("First")));

        ManagementOutcome outcome = clients.update(client.id(), client.token(), client.update("Second"));

        assertThat(outcome).isEqualTo(new ManagementOutcome.Conflict());
        String winnersToken = RegisteredClientsTest.shown(concurrent[0]).path("registration_access_token").asText();
        ClientRecord stored = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(stored.metadata().text("client_name")).contains("First");
        assertThat(stored.credentials().registrationTokenHash()).isEqualTo(new RegistrationAccessToken(winnersToken).hash());
        assertThat(clients.read(client.id(), winnersToken)).isInstanceOf(ManagementOutcome.Shown.class);
    }

    private void assertUnchanged() {
        assertThat(bench.clientStore.find(client.clientId())).contains(before);
        assertThat(RegisteredClientsTest.shown(clients.read(client.id(), client.token())).path("client_name").asText())
                .isEqualTo("Example App");
        assertThat(bench.secretStore.read(client.clientId())).contains(new ClientSecret(client.secret()));
    }

    private static RegistrationError refused(ManagementOutcome outcome) {
        assertThat(outcome).isInstanceOf(ManagementOutcome.Refused.class);
        return ((ManagementOutcome.Refused) outcome).error();
    }
}
