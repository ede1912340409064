package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.port.FailingClientStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7592 §2.1 reads, which answer a new registration access token (RFC 7592 §3 requires one in the answer, and
 * only its hash is kept), while the token read with keeps working until the new one is first used or
 * {@link PreviousRegistrationToken#GRACE} has passed. Kept apart from {@link RegisteredClientsTest} (authorization,
 * delete) so that each stays readable.
 */
class RegisteredClientsReadTest {

    private final IssuanceBench bench = new IssuanceBench();
    private final RegisteredClients clients = bench.registeredClients();
    private ManagedClient client;

    @BeforeEach
    void registerOneClient() {
        client = ManagedClient.registerOn(bench);
    }

    @Test
    void answersANewTokenAndTheClientsConfigurationEndpointKeepingOnlyHashes() {
        JsonNode shown = RegisteredClientsTest.shown(clients.read(client.id(), client.token()));

        String newToken = shown.path("registration_access_token").asText();
        assertThat(newToken).isEqualTo(bench.ids.lastToken().value()).isNotEqualTo(client.token());
        assertThat(shown.path("registration_client_uri").asText()).isEqualTo("https://register.example.org/register/" + client.id());
        ClientRecord stored = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(stored.credentials().registrationTokenHash()).isEqualTo(new RegistrationAccessToken(newToken).hash());
        assertThat(stored.credentials().previousToken()).isEqualTo(new PreviousRegistrationToken(
                new RegistrationAccessToken(client.token()).hash(), IssuanceBench.START.plus(Duration.ofHours(24))));
        assertThat(stored.toString()).doesNotContain(newToken, client.token(), stored.credentials().registrationTokenHash(),
                stored.credentials().previousToken().hash());
    }

    /**
     * Each step is {@code read|put|delete <token> > <outcome>} or {@code wait <ISO-8601 duration>}. {@code T0} is the
     * token of the registration, {@code T1}, {@code T2}, … the tokens answered after it, in order; an outcome is
     * the label of the token answered, {@code 204} or {@code 401}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "read with the current token: the new one works                 | read T0 > T1; read T1 > T2",
        "read with the current token: it keeps working as the previous  | read T0 > T1; read T0 > T2",
        "the answer was lost: the unused new token is dropped           | read T0 > T1; read T0 > T2; read T1 > 401; read T2 > T3",
        "first use of the new token drops the previous                  | read T0 > T1; read T1 > T2; read T0 > 401",
        "a token two reads back no longer works                         | read T0 > T1; read T1 > T2; read T2 > T3; read T1 > 401; read T0 > 401",
        "the previous works until 24 hours after the read               | read T0 > T1; wait PT23H59M59S; read T0 > T2",
        "the previous stops working 24 hours after the read             | read T0 > T1; wait PT24H; read T0 > 401; read T1 > T2",
        "read again with the previous: it keeps its first expiry        | read T0 > T1; wait PT23H; read T0 > T2; wait PT1H; read T0 > 401; read T2 > T3",
        "an update with the new token drops the previous                | read T0 > T1; put T1 > T2; read T0 > 401; read T1 > 401; read T2 > T3",
        "an update with the previous token works and drops the others   | read T0 > T1; put T0 > T2; read T0 > 401; read T1 > 401; read T2 > T3",
        "an update with the current token while none is previous        | put T0 > T1; read T0 > 401; read T1 > T2",
        "a delete with the previous token works                         | read T0 > T1; delete T0 > 204; read T1 > 401; read T0 > 401",
        "a delete with the new token works                              | read T0 > T1; delete T1 > 204; read T0 > 401",
        "an update does not revive a token dropped earlier              | read T0 > T1; read T1 > T2; put T2 > T3; read T1 > 401; read T0 > 401",
    })
    void rotatesTheTokenOnEveryReadWithAGracePeriodForTheOneReadWith(String what, String steps) {
        Map<String, String> tokens = new HashMap<>(Map.of("T0", client.token()));
        for (String step : steps.split(";")) {
            String[] words = step.strip().split("\\s+");
            if (words[0].equals("wait")) {
                bench.clock.advance(Duration.parse(words[1]));
                continue;
            }
            ManagementOutcome outcome = switch (words[0]) {
                case "read" -> clients.read(client.id(), tokens.get(words[1]));
                case "put" -> clients.update(client.id(), tokens.get(words[1]), client.update("Renamed App"));
                case "delete" -> clients.delete(client.id(), tokens.get(words[1]));
                default -> throw new IllegalArgumentException("unknown step " + step);
            };
            String expected = words[3];
            switch (expected) {
                case "401" -> assertThat(outcome).as(step).isEqualTo(new ManagementOutcome.Unauthorized(true));
                case "204" -> assertThat(outcome).as(step).isEqualTo(new ManagementOutcome.Deleted());
                default -> {
                    String answered = RegisteredClientsTest.shown(outcome).path("registration_access_token").asText();
                    assertThat(answered).as(step).isNotBlank().isNotIn(tokens.values());
                    tokens.put(expected, answered);
                }
            }
        }
    }

    @Test
    void answersConflictToTheLoserOfTwoConcurrentReadsAndLeavesBothTokensWorking() {
        ManagementOutcome[] winner = new ManagementOutcome[1];
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 2,
                () -> winner[0] = clients.read(client.id(), client.token()));

        ManagementOutcome loser = clients.read(client.id(), client.token());

        assertThat(loser).isEqualTo(new ManagementOutcome.Conflict());
        String winnersToken = RegisteredClientsTest.shown(winner[0]).path("registration_access_token").asText();
        ClientRecord stored = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(stored.credentials().registrationTokenHash()).isEqualTo(new RegistrationAccessToken(winnersToken).hash());
        // Whichever answer the developer got, a token works: the winner's is current, the one both read with previous.
        assertThat(stored.credentials().heldBy(winnersToken, bench.clock.instant())).isEqualTo(Credentials.HeldToken.CURRENT);
        assertThat(stored.credentials().heldBy(client.token(), bench.clock.instant())).isEqualTo(Credentials.HeldToken.PREVIOUS);
    }

    @Test
    void answersConflictWhenAnUpdateChangedTheTokenMeanwhile() {
        ManagementOutcome[] update = new ManagementOutcome[1];
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 2,
                () -> update[0] = clients.update(client.id(), client.token(), client.update("Renamed App")));

        assertThat(clients.read(client.id(), client.token())).isEqualTo(new ManagementOutcome.Conflict());

        String updatesToken = RegisteredClientsTest.shown(update[0]).path("registration_access_token").asText();
        assertThat(clients.read(client.id(), updatesToken)).isInstanceOf(ManagementOutcome.Shown.class);
    }

    @Test
    void triesOnceMoreWhenAChangeMeanwhileLeftTheTokensAlone() {
        long registered = bench.clientStore.find(client.clientId()).orElseThrow().version();
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 2, () -> {
            ClientRecord current = bench.clientStore.find(client.clientId()).orElseThrow();
            bench.clientStore.replace(current.withStatus(ClientStatus.WARNING, bench.clock.instant()));
        });

        JsonNode shown = RegisteredClientsTest.shown(clients.read(client.id(), client.token()));

        assertThat(shown.path("client_status").asText()).isEqualTo("warning");
        ClientRecord stored = bench.clientStore.find(client.clientId()).orElseThrow();
        assertThat(stored.version()).as("the change meanwhile, then the read").isEqualTo(registered + 2);
        assertThat(stored.credentials().registrationTokenHash())
                .isEqualTo(new RegistrationAccessToken(shown.path("registration_access_token").asText()).hash());
    }

    @Test
    void answersConflictWhenChangesKeepComingAfterTheSecondTry() {
        for (int nth = 2; nth <= 3; nth++) {
            bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, nth, () -> {
                ClientRecord current = bench.clientStore.find(client.clientId()).orElseThrow();
                bench.clientStore.replace(current.withStatus(current.status(), bench.clock.instant()));
            });
        }

        assertThat(clients.read(client.id(), client.token())).isEqualTo(new ManagementOutcome.Conflict());
        assertThat(clients.read(client.id(), client.token())).isInstanceOf(ManagementOutcome.Shown.class);
    }
}
