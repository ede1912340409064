package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.policy.rules.ValidMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The change events of open registration, RFC 7592 update and delete, and the cleanup: each written with its change
 * and published through the outbox, none lost while the bus is down (docs/operations/authorization-server.md).
 */
class ChangeEventPathsTest {

    private final IssuanceBench bench = new IssuanceBench();

    private JsonNode register() {
        RegistrationOutcome outcome = new ClientRegistrar(bench.review(), bench.publishingStores(), bench.ids, bench.clock,
                bench.settings).register(ValidMetadata.metadata());
        return IssuanceBench.json(((RegistrationOutcome.Registered) outcome).answer());
    }

    private RegisteredClients registeredClients() {
        return new RegisteredClients(bench.review(), bench.publishingStores(), bench.ids, bench.clock, bench.settings);
    }

    private RegistrationCleanup cleanup() {
        return new RegistrationCleanup(bench.publishingStores(), bench.clock);
    }

    @Test
    void aRegistrationAnUpdateAndADeletionPublishTheirEventsWithGrowingVersions() {
        JsonNode answer = register();
        ManagedClient client = new ManagedClient(answer.path("client_id").asText(), answer.path("client_secret").asText(),
                answer.path("registration_access_token").asText());
        assertThat(bench.clientStore.find(client.clientId()).orElseThrow().checks().pendingEvents())
                .as("cleared once published").isEmpty();

        JsonNode updated = IssuanceBench.json(((ManagementOutcome.Shown) registeredClients()
                .update(client.id(), client.token(), client.update("Renamed App"))).answer());
        assertThat(registeredClients().delete(client.id(), updated.path("registration_access_token").asText()))
                .isEqualTo(new ManagementOutcome.Deleted());

        List<LifecycleEvent> published = bench.events.published();
        assertThat(published).extracting(e -> e.type().detailType())
                .containsExactly("ClientRegistered", "ClientUpdated", "ClientDeleted");
        assertThat(published).extracting(e -> e.change().version()).isSorted().doesNotHaveDuplicates();
        assertThat(published).extracting(e -> e.change().status())
                .containsExactly(ClientStatus.ACTIVE, ClientStatus.ACTIVE, ClientStatus.DELETING);
        assertThat(published.get(1).change().metadata().text("client_name")).contains("Renamed App");
        assertThat(published).allSatisfy(event -> assertThat(event.change().path()).isEqualTo(RegistrationPath.OPEN));
        assertThat(bench.clientStore.find(client.clientId())).as("removed once its deletion was told").isEmpty();
    }

    @Test
    void aRegistrationWhileTheBusIsDownKeepsItsEventOnTheRecordForTheNextFlush() {
        bench.events.failing();

        JsonNode answer = register();

        ClientRecord record = bench.clientStore.find(new ClientId(answer.path("client_id").asText())).orElseThrow();
        assertThat(record.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(record.checks().pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(LifecycleEvent.Type.REGISTERED);
            assertThat(event.change().version()).as("written with the change").isEqualTo(record.version());
        });
        assertThat(bench.events.published()).isEmpty();
    }

    @Test
    void aDeletionWhileTheBusIsDownIsFinishedAndToldByTheCleanup() {
        JsonNode answer = register();
        ClientId clientId = new ClientId(answer.path("client_id").asText());
        bench.events.failing();

        assertThat(registeredClients().delete(clientId.value(), answer.path("registration_access_token").asText()))
                .isEqualTo(new ManagementOutcome.Deleted());

        ClientRecord deleting = bench.clientStore.find(clientId).orElseThrow();
        assertThat(deleting.status()).as("invisible, kept with its event").isEqualTo(ClientStatus.DELETING);
        assertThat(deleting.checks().pendingEvents()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.DELETED);
        assertThat(bench.secretStore.scheduledDeletions()).contains(clientId);

        assertThat(cleanup().run()).as("the bus still down").isEqualTo(new RegistrationCleanup.Pass(0, 0));
        assertThat(bench.clientStore.find(clientId)).isPresent();

        bench.events.working();
        assertThat(cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 1));

        assertThat(bench.clientStore.find(clientId)).isEmpty();
        assertThat(bench.events.published()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.REGISTERED, LifecycleEvent.Type.DELETED);
        assertThat(bench.events.published().get(1).change().version()).isEqualTo(deleting.version());
    }

    @Test
    void theCleanupTellsADeletionBegunWithoutAnEvent() {
        JsonNode answer = register();
        ClientId clientId = new ClientId(answer.path("client_id").asText());
        ClientRecord active = bench.clientStore.find(clientId).orElseThrow();
        bench.clientStore.replace(active.next(ClientStatus.DELETING, active.metadata(), active.credentials(),
                active.checks().dueAt(bench.clock.instant()), bench.clock.instant()));

        assertThat(cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 1));

        assertThat(bench.events.published()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.REGISTERED, LifecycleEvent.Type.DELETED);
    }
}
