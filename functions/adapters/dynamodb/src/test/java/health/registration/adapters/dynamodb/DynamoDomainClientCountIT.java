package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.model.ClientMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DynamoDomainClientCount} against moto: the records {@link DynamoClientStore} writes carry the domain index's
 * key exactly while they count, and the count follows creation, status changes and deletion.
 */
class DynamoDomainClientCountIT {

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("domain-count-it");

    private DynamoClientStore store;
    private DynamoDomainClientCount counts;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoClientStore(TABLE.requests(), TABLE.name());
        counts = new DynamoDomainClientCount(TABLE.requests(), TABLE.name());
    }

    @Test
    void countsVisibleOpenClientsOfTheRegistrableDomain() {
        store.create(withClientUri(ClientRecords.active(ClientRecords.newId()), "https://app.example.com"));
        store.create(withClientUri(ClientRecords.active(ClientRecords.newId()), "https://www.example.com/x"));
        store.create(withClientUri(ClientRecords.active(ClientRecords.newId()), "https://app.example.org"));
        store.create(withClientUri(ClientRecords.pending(ClientRecords.newId()), "https://app.example.com"));

        assertThat(counts.clientsOf("example.com")).as("two active, the pending one not").isEqualTo(2);
        assertThat(counts.clientsOf("example.org")).isEqualTo(1);
        assertThat(counts.clientsOf("example.net")).isZero();
    }

    @Test
    void aClientStopsCountingWhenItIsBeingRemovedOrDeleted() {
        ClientRecord active = withClientUri(ClientRecords.active(ClientRecords.newId()), "https://app.example.com");
        store.create(active);
        ClientRecord other = withClientUri(ClientRecords.active(ClientRecords.newId()), "https://app.example.com");
        store.create(other);
        assertThat(counts.clientsOf("example.com")).isEqualTo(2);

        ClientRecord deleting = active.withStatus(ClientStatus.DELETING, active.updatedAt().plusSeconds(1));
        store.replace(deleting);
        assertThat(counts.clientsOf("example.com")).isEqualTo(1);

        store.delete(other.clientId(), other.version());
        assertThat(counts.clientsOf("example.com")).isZero();
    }

    @Test
    void manualClientsAreNotCounted() {
        ClientRecord active = withClientUri(ClientRecords.active(ClientRecords.newId()), "https://app.example.com");
        store.create(new ClientRecord(active.clientId(), active.status(), active.metadata(), active.credentials(),
                active.checks(), active.createdAt(), active.updatedAt(), active.version(), RegistrationPath.MANUAL));

        assertThat(counts.clientsOf("example.com")).isZero();
    }

    private static ClientRecord withClientUri(ClientRecord record, String clientUri) {
        ObjectNode json = record.metadata().toJson().deepCopy();
        json.put("client_uri", clientUri);
        return new ClientRecord(record.clientId(), record.status(), ClientMetadata.of(json), record.credentials(),
                record.checks(), record.createdAt(), record.updatedAt(), record.version(), record.path());
    }
}
