package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.rules.ValidMetadata;
import org.junit.jupiter.api.Test;

/**
 * The outbox publishes a record's events, then clears them from the stored record; whatever stops the publication
 * leaves them on the record, and the answer says so (docs/operations/authorization-server.md).
 */
class EventOutboxTest {

    private final IssuanceBench bench = new IssuanceBench();

    /** A client registered while the bus was down: stored with its ClientRegistered event still on it. */
    private ClientRecord registeredWithItsEventKept() {
        bench.events.failing();
        RegistrationOutcome outcome = new ClientRegistrar(bench.review(), bench.publishingStores(), bench.ids, bench.clock,
                bench.settings).register(ValidMetadata.metadata());
        bench.events.working();
        String clientId = IssuanceBench.json(((RegistrationOutcome.Registered) outcome).answer()).path("client_id").asText();
        ClientRecord record = bench.clientStore.find(new ClientId(clientId)).orElseThrow();
        assertThat(record.checks().pendingEvents()).as("kept while the bus was down").hasSize(1);
        return record;
    }

    private ClientRecord stored(ClientRecord record) {
        return bench.clientStore.find(record.clientId()).orElseThrow();
    }

    @Test
    void publishesTheEventsThenClearsThemFromTheStoredRecord() {
        ClientRecord record = registeredWithItsEventKept();

        assertThat(new EventOutbox(bench.clientStore, bench.events).flush(record)).isTrue();

        assertThat(bench.events.published()).isEqualTo(record.checks().pendingEvents());
        assertThat(stored(record).checks().pendingEvents()).isEmpty();
        assertThat(stored(record).version()).isEqualTo(record.version() + 1);
    }

    @Test
    void leavesTheEventsOnTheRecordWhenThisFunctionDoesNotPublish() {
        ClientRecord record = registeredWithItsEventKept();

        assertThat(new EventOutbox(bench.clientStore, null).flush(record)).isFalse();

        assertThat(stored(record)).isEqualTo(record);
        assertThat(bench.events.published()).isEmpty();
    }

    @Test
    void leavesTheEventsOnTheRecordWhenTheBusIsDown() {
        ClientRecord record = registeredWithItsEventKept();
        bench.events.failing();

        assertThat(new EventOutbox(bench.clientStore, bench.events).flush(record)).isFalse();

        assertThat(stored(record)).isEqualTo(record);
        assertThat(bench.events.refusedCalls()).isEqualTo(2);
    }

    @Test
    void hasNothingToDoForARecordWithoutEvents() {
        ClientRecord record = registeredWithItsEventKept();
        new EventOutbox(bench.clientStore, bench.events).flush(record);
        ClientRecord cleared = stored(record);

        assertThat(new EventOutbox(bench.clientStore, null).flush(cleared)).isTrue();

        assertThat(stored(record)).isEqualTo(cleared);
        assertThat(bench.events.published()).hasSize(1);
    }

    @Test
    void publishedEventsOfARecordChangedMeanwhileStayOnTheNewerVersion() {
        ClientRecord record = registeredWithItsEventKept();
        ClientRecord newer = record.next(record.status(), record.metadata(), record.credentials(), record.checks(),
                record.updatedAt());
        bench.clientStore.replace(newer);

        assertThat(new EventOutbox(bench.clientStore, bench.events).flush(record)).isTrue();

        assertThat(bench.events.published()).isEqualTo(record.checks().pendingEvents());
        assertThat(stored(record)).as("the newer version is not overwritten").isEqualTo(newer);
    }
}
