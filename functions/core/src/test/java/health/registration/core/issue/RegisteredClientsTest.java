package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.policy.rules.ValidMetadata;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7592 read and delete, and who may call the client configuration endpoint at all. */
class RegisteredClientsTest {

    /** The three methods of the client configuration endpoint. */
    enum Call { GET, PUT, DELETE }

    private final IssuanceBench bench = new IssuanceBench();
    private final RegisteredClients clients = bench.registeredClients();

    @Test
    void showsTheBearerTheRegisteredMetadataAndANewTokenButNeverTheSecret() {
        ManagedClient client = ManagedClient.registerOn(bench);

        JsonNode shown = shown(clients.read(client.id(), client.token()));

        assertThat(shown.path("client_id").asText()).isEqualTo(client.id());
        assertThat(shown.path("client_id_issued_at").asLong()).isEqualTo(IssuanceBench.START.getEpochSecond());
        assertThat(shown.path("client_secret_expires_at").asLong()).isZero();
        assertThat(shown.path("registration_client_uri").asText()).isEqualTo("https://register.example.org/register/" + client.id());
        assertThat(shown.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
        ValidMetadata.json().properties().forEach(m -> assertThat(shown.get(m.getKey())).as(m.getKey()).isEqualTo(m.getValue()));
        assertThat(shown.has("client_secret")).isFalse();
        // RFC 7592 §3: the answer carries a registration access token, a new one since only hashes are kept.
        assertThat(shown.path("registration_access_token").asText()).isEqualTo(bench.ids.lastToken().value());
        assertThat(shown.toString()).doesNotContain(client.secret()).doesNotContain(client.token());
    }

    static Stream<Arguments> unauthorizedRequests() {
        Stream<Arguments> rows = Stream.of(
                row("a wrong token", ManagedClient::id, c -> "token-000000000000000000000000000000000099", true),
                row("no token", ManagedClient::id, c -> null, false),
                row("an empty token", ManagedClient::id, c -> "", true),
                row("the token's hash instead of the token", ManagedClient::id,
                        c -> new RegistrationAccessToken(c.token()).hash(), true),
                row("an unknown client id", c -> SequentialIdSource.clientId(99).value(), ManagedClient::token, true),
                row("a malformed client id", c -> "../" + c.id(), ManagedClient::token, true),
                row("no client id", c -> null, ManagedClient::token, true),
                row("no client id and no token", c -> null, c -> null, false),
                // The stand-in checked for a client that does not exist authorizes nobody, there or elsewhere.
                row("the stand-in token of an unknown client", c -> SequentialIdSource.clientId(99).value(),
                        c -> "no such client", true),
                row("the stand-in token of an unknown client for a real one", ManagedClient::id, c -> "no such client", true));
        return rows.flatMap(row -> Arrays.stream(Call.values()).map(call -> arguments(call, row.get()[0], row.get()[1],
                row.get()[2], row.get()[3])));
    }

    private static Arguments row(String what, Function<ManagedClient, String> clientId, Function<ManagedClient, String> token,
                                 boolean tokenPresented) {
        return arguments(what, clientId, token, tokenPresented);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("unauthorizedRequests")
    void answersUnauthorizedSayingOnlyWhetherATokenWasPresented(Call call, String what, Function<ManagedClient, String> clientId,
                                                               Function<ManagedClient, String> token, boolean tokenPresented) {
        ManagedClient client = ManagedClient.registerOn(bench);
        ClientRecord before = bench.clientStore.find(client.clientId()).orElseThrow();

        ManagementOutcome outcome = call(call, clientId.apply(client), token.apply(client), client);

        assertThat(outcome).isEqualTo(new ManagementOutcome.Unauthorized(tokenPresented));
        assertThat(bench.clientStore.find(client.clientId())).contains(before);
        assertThat(bench.secretStore.read(client.clientId())).contains(new ClientSecret(client.secret()));
        assertThat(bench.prober.calls()).isOne();
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void refusesAnotherClientsToken(Call call) {
        ManagedClient client = ManagedClient.registerOn(bench);
        ManagedClient other = ManagedClient.registerOn(bench);

        assertThat(call(call, client.id(), other.token(), client)).isEqualTo(new ManagementOutcome.Unauthorized(true));
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void treatsAPendingClientAsUnknownEvenWithItsToken(Call call) {
        bench.clients.failOn(FailingClientStore.Operation.REPLACE, 1);
        assertThatThrownBy(bench::registerValidClient).isInstanceOf(StoreUnavailable.class);
        ManagedClient pending = new ManagedClient(SequentialIdSource.clientId(1).value(), bench.ids.lastSecret().value(),
                bench.ids.lastToken().value());

        assertThat(call(call, pending.id(), pending.token(), pending)).isEqualTo(new ManagementOutcome.Unauthorized(true));
        assertThat(bench.clientStore.find(pending.clientId())).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ClientStatus.PENDING));
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void treatsAClientBeingDeletedAsUnknownEvenWithItsToken(Call call) {
        ManagedClient client = ManagedClient.registerOn(bench);
        bench.clients.failOn(FailingClientStore.Operation.DELETE, 1);
        assertThatThrownBy(() -> clients.delete(client.id(), client.token())).isInstanceOf(StoreUnavailable.class);

        assertThat(call(call, client.id(), client.token(), client)).isEqualTo(new ManagementOutcome.Unauthorized(true));
    }

    @Test
    void deletesTheRecordSchedulesTheSecretsDeletionAndRefusesTheTokenAfterwards() {
        ManagedClient client = ManagedClient.registerOn(bench);

        assertThat(clients.delete(client.id(), client.token())).isEqualTo(new ManagementOutcome.Deleted());

        assertThat(bench.clientStore.find(client.clientId())).isEmpty();
        assertThat(bench.secretStore.scheduled()).containsExactly(client.clientId());
        assertThat(bench.secretStore.read(client.clientId())).isEmpty();
        assertThat(bench.secretStore.destroyed()).isEmpty();
        assertThat(clients.read(client.id(), client.token())).isEqualTo(new ManagementOutcome.Unauthorized(true));
        assertThat(clients.delete(client.id(), client.token())).isEqualTo(new ManagementOutcome.Unauthorized(true));
    }

    static Stream<Arguments> failuresAfterTheRecordTurnedDeleting() {
        return Stream.of(
                arguments("scheduling the secret's deletion fails",
                        (Consumer<IssuanceBench>) b -> b.secrets.failOn(FailingSecretStore.Operation.SCHEDULE_DELETION, 1)),
                arguments("the secret's deletion is scheduled, then the call times out",
                        (Consumer<IssuanceBench>) b -> b.secrets.failAfterApplying(FailingSecretStore.Operation.SCHEDULE_DELETION, 1)),
                arguments("removing the record fails",
                        (Consumer<IssuanceBench>) b -> b.clients.failOn(FailingClientStore.Operation.DELETE, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAfterTheRecordTurnedDeleting")
    void aDeletionInterruptedAfterTheRecordTurnedDeletingIsFinishedByTheCleanup(String step, Consumer<IssuanceBench> fault) {
        ManagedClient client = ManagedClient.registerOn(bench);
        fault.accept(bench);

        assertThatThrownBy(() -> clients.delete(client.id(), client.token())).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.clientStore.withStatus(ClientStatus.DELETING)).hasSize(1);
        assertThat(bench.clientsWithoutSecret()).isEmpty();

        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 1));
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.scheduled()).containsExactly(client.clientId());
        assertThat(bench.orphanedSecrets()).isEmpty();
    }

    @Test
    void answersConflictWhenTheClientChangedBeforeTheDeletion() {
        ManagedClient client = ManagedClient.registerOn(bench);
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 2, () ->
                assertThat(clients.update(client.id(), client.token(), client.update("Renamed"))).isInstanceOf(ManagementOutcome.Shown.class));

        assertThat(clients.delete(client.id(), client.token())).isEqualTo(new ManagementOutcome.Conflict());

        assertThat(bench.clientStore.find(client.clientId())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(r.metadata().text("client_name")).contains("Renamed");
        });
        assertThat(bench.secretStore.scheduled()).isEmpty();
    }

    @Test
    void answersDeletedWhenACleanupPassFinishedTheDeletionFirst() {
        ManagedClient client = ManagedClient.registerOn(bench);
        bench.clients.interfereBefore(FailingClientStore.Operation.DELETE, 1,
                () -> assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 1)));

        assertThat(clients.delete(client.id(), client.token())).isEqualTo(new ManagementOutcome.Deleted());

        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.scheduled()).containsExactly(client.clientId());
    }

    private ManagementOutcome call(Call call, String clientId, String token, ManagedClient client) {
        return switch (call) {
            case GET -> clients.read(clientId, token);
            case PUT -> clients.update(clientId, token, client.update("Renamed App"));
            case DELETE -> clients.delete(clientId, token);
        };
    }

    static JsonNode shown(ManagementOutcome outcome) {
        assertThat(outcome).isInstanceOf(ManagementOutcome.Shown.class);
        return IssuanceBench.json(((ManagementOutcome.Shown) outcome).answer());
    }
}
