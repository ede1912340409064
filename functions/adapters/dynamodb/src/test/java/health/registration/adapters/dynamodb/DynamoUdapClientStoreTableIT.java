package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.ClientRecords.assertSameRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DynamoUdapClientStore} sharing the clients table with {@link DynamoClientStore}, against moto: the record is
 * the client store's item, mappings stay out of the status index, and what happens when the two items part company.
 */
class DynamoUdapClientStoreTableIT {

    private static final String COMMUNITY = "https://community.example.org/trust";
    private static final String OTHER_COMMUNITY = "https://other-community.example.net/";
    private static final String ISSUER = "https://app.example.org/fhir";

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("udap-table-it");

    private DynamoUdapClientStore store;
    private DynamoClientStore clients;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoUdapClientStore(TABLE.requests(), TABLE.name());
        clients = new DynamoClientStore(TABLE.requests(), TABLE.name());
    }

    private static ClientRecord udap(String community, String issuer) {
        return ClientRecords.udap(ClientRecords.newId(), community, issuer);
    }

    @Test
    void replaceOfARecordWhoseMappingIsGoneConflicts() {
        // The condition check on the mapping: a record left without its mapping is no registration to replace.
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        TABLE.dynamo().deleteItem(r -> r.tableName(TABLE.name()).key(UdapMappingItem.key(COMMUNITY, ISSUER)));

        assertThatThrownBy(() -> store.replace(ClientRecords.renewed(v1, 10))).isInstanceOf(WriteConflict.class);
        assertSameRecord(clients.find(v1.clientId()).orElseThrow(), v1);
    }

    @Test
    void theRecordIsTheClientStoresItemToo() {
        ClientRecord record = udap(COMMUNITY, ISSUER);
        store.register(record);

        assertSameRecord(clients.find(record.clientId()).orElseThrow(), record);
        assertThat(clients.due(ClientStatus.ACTIVE, record.checks().nextCheckAt(), 10)).singleElement()
                .satisfies(due -> assertSameRecord(due, record));
    }

    @Test
    void aRecordDeletedThroughTheClientStoreTakesItsMappingSoTheIssuerMayRegisterAgain() {
        // The cleanup finishes a UDAP cancellation through ClientStore.delete (when its ClientDeleted could not be
        // published at once): the mapping goes with the record, but only while it names that record.
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        clients.delete(v1.clientId(), v1.version());

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
        ClientRecord again = udap(COMMUNITY, ISSUER);
        store.register(again);
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), again);

        ClientRecord stray = udap(COMMUNITY, ISSUER);
        clients.create(stray);
        clients.delete(stray.clientId(), stray.version());
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), again);
    }

    @Test
    void aMappingToARecordBoundElsewhereIsUnavailableNotAnAnswer() {
        ClientRecord elsewhere = udap(OTHER_COMMUNITY, ISSUER);
        clients.create(elsewhere);
        TABLE.dynamo().putItem(r -> r.tableName(TABLE.name())
                .item(UdapMappingItem.write(ClientRecords.binding(COMMUNITY, ISSUER), elsewhere.clientId())));

        assertThatThrownBy(() -> store.findByIssuer(COMMUNITY, ISSUER)).isInstanceOf(StoreUnavailable.class)
                .message().doesNotContain(ISSUER, elsewhere.clientId().value());
    }

    @Test
    void mappingsStayOutOfTheStatusIndex() {
        store.register(udap(COMMUNITY, ISSUER));
        store.register(udap(OTHER_COMMUNITY, ISSUER));
        clients.create(ClientRecords.active(ClientRecords.newId()));

        List<String> indexed = TableKeys.inStatusIndex(TABLE.dynamo(), TABLE.name());

        assertThat(TableKeys.all(TABLE.dynamo(), TABLE.name())).hasSize(5);
        assertThat(indexed).hasSize(3).allSatisfy(key -> assertThat(key).startsWith("CLIENT#"));
    }
}
