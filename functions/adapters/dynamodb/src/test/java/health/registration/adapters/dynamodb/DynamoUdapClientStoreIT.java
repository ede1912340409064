package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.ClientRecords.assertSameRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoUdapClientStore} against moto, each test on a fresh copy of the template's TABLE.table(). */
class DynamoUdapClientStoreIT {

    private static final String COMMUNITY = "https://community.example.org/trust";
    private static final String OTHER_COMMUNITY = "https://other-community.example.net/";
    private static final String ISSUER = "https://app.example.org/fhir";

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("udap-client-store-it");

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
    void registeredClientIsFoundByItsCommunityAndIssuerOnly() {
        ClientRecord record = udap(COMMUNITY, ISSUER);
        store.register(record);

        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), record);
        assertThat(store.findByIssuer(COMMUNITY, ISSUER + "/other")).isEmpty();
        assertThat(store.findByIssuer(OTHER_COMMUNITY, ISSUER)).isEmpty();
        assertThat(item(UdapMappingItem.key(COMMUNITY, ISSUER))).containsEntry("clientId",
                AttributeValue.fromS(record.clientId().value()));
    }

    @Test
    void findsTheRegistrationsBoundToACertificateThroughItsIndexWhateverTheirStatus() {
        ClientRecord here = udap(COMMUNITY, ISSUER);
        ClientRecord there = udap(OTHER_COMMUNITY, ISSUER);
        CertificateBinding otherCertificate = new CertificateBinding(ISSUER + "/other", COMMUNITY,
                "MIIBszCCAVmgAwIBAgIUT3RoZXIgY2VydGlmaWNhdGU=", "another-thumbprint-000000000000000000000000");
        ClientRecord elsewhere = udap(COMMUNITY, ISSUER + "/other");
        elsewhere = new ClientRecord(elsewhere.clientId(), elsewhere.status(), elsewhere.metadata(),
                Credentials.ofCertificate(otherCertificate, elsewhere.credentials().issuedAt()), elsewhere.checks(),
                elsewhere.createdAt(), elsewhere.updatedAt(), elsewhere.version());
        store.register(here);
        store.register(there);
        store.register(elsewhere);
        store.replace(there.withStatus(ClientStatus.SUSPENDED, there.updatedAt().plusSeconds(1)));
        clients.create(ClientRecords.active(ClientRecords.newId()));

        List<ClientRecord> bound = store.boundTo(here.credentials().certificate().thumbprint());

        assertThat(bound).extracting(ClientRecord::clientId).containsExactlyInAnyOrder(here.clientId(), there.clientId());
        assertThat(bound).filteredOn(r -> r.clientId().equals(there.clientId())).singleElement()
                .satisfies(r -> assertThat(r.version()).as("read consistently, not from the index").isEqualTo(2));
        assertThat(store.boundTo("no-such-thumbprint")).isEmpty();
    }

    @Test
    void secondRegistrationOfACommunityAndIssuerConflictsAndChangesNothing() {
        ClientRecord first = udap(COMMUNITY, ISSUER);
        store.register(first);
        ClientRecord second = udap(COMMUNITY, ISSUER);

        assertThatThrownBy(() -> store.register(second)).isInstanceOf(WriteConflict.class)
                .hasMessageContaining("registered in this trust community already");
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), first);
        assertThat(clients.find(second.clientId())).isEmpty();
        assertThat(tableKeys()).hasSize(2);
    }

    @Test
    void registrationWithATakenClientIdConflictsAndLeavesNoMapping() {
        ClientRecord existing = ClientRecords.active(ClientRecords.newId());
        clients.create(existing);
        ClientRecord sameId = ClientRecords.udap(existing.clientId(), COMMUNITY, ISSUER);

        assertThatThrownBy(() -> store.register(sameId)).isInstanceOf(WriteConflict.class)
                .hasMessageContaining("client with this id exists");
        assertThat(item(UdapMappingItem.key(COMMUNITY, ISSUER))).isEmpty();
        assertSameRecord(clients.find(existing.clientId()).orElseThrow(), existing);
    }

    @Test
    void theSameIssuerInAnotherCommunityIsASeparateRegistration() {
        ClientRecord here = udap(COMMUNITY, ISSUER);
        ClientRecord there = udap(OTHER_COMMUNITY, ISSUER);
        store.register(here);
        store.register(there);

        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), here);
        assertSameRecord(store.findByIssuer(OTHER_COMMUNITY, ISSUER).orElseThrow(), there);
    }

    @Test
    void ofTenConcurrentRegistrationsOfOneIssuerExactlyOneWins() throws Exception {
        DynamoUdapClientStore racing = new DynamoUdapClientStore(TABLE.racingDynamo(), TABLE.name());
        for (int round = 0; round < 5; round++) {
            String issuer = ISSUER + "/" + round;
            List<Callable<ClientRecord>> registrations = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ClientRecord record = udap(COMMUNITY, issuer);
                registrations.add(() -> {
                    racing.register(record);
                    return record;
                });
            }

            List<Object> outcomes = Race.run(registrations);

            assertThat(outcomes).filteredOn(WriteConflict.class::isInstance).hasSize(9);
            ClientRecord winner = (ClientRecord) outcomes.stream().filter(ClientRecord.class::isInstance).findFirst().orElseThrow();
            assertSameRecord(store.findByIssuer(COMMUNITY, issuer).orElseThrow(), winner);
        }
        assertThat(tableKeys()).as("five records and their five mappings").hasSize(10);
    }

    @Test
    void replaceNeedsTheVersionItReplacesAndKeepsTheClientId() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        ClientRecord v2 = ClientRecords.renewed(v1, 10);
        store.replace(v2);

        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), v2);
        ClientRecord staleV2 = ClientRecords.renewed(v1, 20);
        assertThatThrownBy(() -> store.replace(staleV2)).isInstanceOf(WriteConflict.class);
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), v2);
    }

    @Test
    void replaceRefusesToMoveARegistrationToAnotherCommunityOrIssuer() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        for (CertificateBinding elsewhere : List.of(ClientRecords.binding(OTHER_COMMUNITY, ISSUER),
                ClientRecords.binding(COMMUNITY, ISSUER + "/other"))) {
            ClientRecord movedV1 = new ClientRecord(v1.clientId(), v1.status(), v1.metadata(),
                    Credentials.ofCertificate(elsewhere, v1.credentials().issuedAt()), v1.checks(), v1.createdAt(),
                    v1.updatedAt(), v1.version());
            ClientRecord movedV2 = movedV1.withStatus(v1.status(), v1.updatedAt().plusMillis(1));

            assertThatThrownBy(() -> store.replace(movedV2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.cancel(movedV1)).isInstanceOf(IllegalArgumentException.class);
        }
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), v1);
        assertThat(tableKeys()).hasSize(2);
    }

    @Test
    void recordsWithoutACertificateBindingAreRefused() {
        ClientRecord withToken = ClientRecords.active(ClientRecords.newId());

        assertThatThrownBy(() -> store.register(withToken)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replace(withToken)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.cancel(withToken)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tableKeys()).isEmpty();
    }

    @Test
    void cancelNeedsTheVersionAndRemovesTheRecordAndItsMappingTogether() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        ClientRecord v2 = ClientRecords.renewed(v1, 10);
        store.replace(v2);

        assertThatThrownBy(() -> store.cancel(v1)).isInstanceOf(WriteConflict.class);
        assertThat(tableKeys()).hasSize(2);
        store.cancel(v2);

        assertThat(tableKeys()).isEmpty();
        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
        assertThatThrownBy(() -> store.cancel(v2)).isInstanceOf(WriteConflict.class);
        ClientRecord again = udap(COMMUNITY, ISSUER);
        store.register(again);
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), again);
    }

    /**
     * A cancellation whose ClientDeleted could not be published leaves the record deleting; the cleanup removes it
     * through the client store, which frees the (community, iss) mapping too, so the app can register again.
     */
    @Test
    void deletingACancelledRecordThroughTheClientStoreFreesItsMapping() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        ClientRecord deleting = v1.withStatus(ClientStatus.DELETING, v1.updatedAt().plusMillis(1))
                .withEvent(LifecycleEvent.Type.DELETED, ClientStatus.ACTIVE);
        store.replace(deleting);

        clients.delete(v1.clientId(), deleting.version());

        assertThat(tableKeys()).isEmpty();
        ClientRecord again = udap(COMMUNITY, ISSUER);
        store.register(again);
        assertSameRecord(store.findByIssuer(COMMUNITY, ISSUER).orElseThrow(), again);
    }

    @Test
    void replaceAfterCancelConflictsAndWritesNothing() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        store.cancel(v1);

        assertThatThrownBy(() -> store.replace(ClientRecords.renewed(v1, 10))).isInstanceOf(WriteConflict.class);
        assertThat(tableKeys()).isEmpty();
    }

    @Test
    void findByIssuerHidesARecordThatIsNotVisible() {
        ClientRecord v1 = udap(COMMUNITY, ISSUER);
        store.register(v1);
        store.replace(v1.withStatus(ClientStatus.DELETING, v1.updatedAt().plusMillis(1)));

        assertThat(store.findByIssuer(COMMUNITY, ISSUER)).isEmpty();
        assertThat(clients.find(v1.clientId())).isPresent();
    }

    @Test
    void everyOperationIsUnavailableWhenTheTableCannotBeReachedAndSaysNothingOfTheRecord() {
        ClientRecord record = udap(COMMUNITY, ISSUER);
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            DynamoDbRequests dead = UnreachableTable.requests(http);
            DynamoUdapClientStore unreachable = new DynamoUdapClientStore(dead, UnreachableTable.NAME);
            List<ThrowingCallable> operations = List.of(
                    () -> unreachable.register(record),
                    () -> unreachable.findByIssuer(COMMUNITY, ISSUER),
                    () -> unreachable.replace(ClientRecords.renewed(record, 1)),
                    () -> unreachable.cancel(record));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).isInstanceOf(StoreUnavailable.class)
                        .hasMessageStartingWith("the clients table did not answer")
                        .message().doesNotContain(record.clientId().value(), ISSUER, COMMUNITY);
            }
        }
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        return TABLE.dynamo().getItem(r -> r.tableName(TABLE.name()).key(key).consistentRead(true)).item();
    }

    private List<String> tableKeys() {
        return TableKeys.all(TABLE.dynamo(), TABLE.name());
    }
}
