package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.ClientRecords.assertSameRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStore.DuePage;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoClientStore} against moto, each test on a fresh copy of the template's TABLE.table(). */
class DynamoClientStoreIT {

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.clients("client-store-it");

    private DynamoClientStore store;

    @BeforeEach
    void buildStoreOnTheTable() {
        store = new DynamoClientStore(TABLE.requests(), TABLE.name());
    }

    @Test
    void recordsReadBackEqualWithAndWithoutOptionalParts() {
        ClientRecord active = ClientRecords.active(ClientRecords.newId());
        ClientRecord pending = ClientRecords.pending(ClientRecords.newId());
        store.create(active);
        store.create(pending);

        assertSameRecord(store.find(active.clientId()).orElseThrow(), active);
        assertSameRecord(store.find(pending.clientId()).orElseThrow(), pending);
        assertThat(store.find(ClientRecords.newId())).isEmpty();
    }

    @Test
    void aPreviousTokenIsKeptByOneReplaceAndDroppedByTheNext() {
        ClientRecord active = ClientRecords.active(ClientRecords.newId());
        store.create(active);
        ClientRecord read = ClientRecords.readRecently(active.clientId());
        store.replace(read);
        assertSameRecord(store.find(active.clientId()).orElseThrow(), read);

        ClientRecord updated = read.next(read.status(), read.metadata(), read.credentials().withTokenHash(ClientRecords.token().hash()),
                read.checks(), read.updatedAt().plusMillis(10));
        store.replace(updated);

        ClientRecord found = store.find(active.clientId()).orElseThrow();
        assertSameRecord(found, updated);
        assertThat(found.credentials().previousToken()).isNull();
    }

    @Test
    void createConflictsWithAnExistingRecordAndLeavesItUnchanged() {
        ClientRecord first = ClientRecords.pending(ClientRecords.newId());
        store.create(first);

        assertThatThrownBy(() -> store.create(ClientRecords.active(first.clientId()))).isInstanceOf(WriteConflict.class);
        assertSameRecord(store.find(first.clientId()).orElseThrow(), first);
    }

    @Test
    void replaceNeedsTheVersionItReplaces() {
        ClientRecord v1 = ClientRecords.pending(ClientRecords.newId());
        store.create(v1);
        ClientRecord v2 = v1.withStatus(ClientStatus.ACTIVE, v1.createdAt().plusMillis(10));
        store.replace(v2);

        assertSameRecord(store.find(v1.clientId()).orElseThrow(), v2);
        ClientRecord staleV2 = v1.withStatus(ClientStatus.DELETING, v1.createdAt().plusMillis(20));
        assertThatThrownBy(() -> store.replace(staleV2)).isInstanceOf(WriteConflict.class);
        assertSameRecord(store.find(v1.clientId()).orElseThrow(), v2);
    }

    @Test
    void replaceOfAMissingRecordConflictsAndCreatesNothing() {
        ClientRecord v1 = ClientRecords.pending(ClientRecords.newId());
        ClientRecord v2 = v1.withStatus(ClientStatus.ACTIVE, v1.createdAt());

        assertThatThrownBy(() -> store.replace(v2)).isInstanceOf(WriteConflict.class);
        assertThat(store.find(v1.clientId())).isEmpty();
    }

    @Test
    void ofTwoConcurrentReplacersExactlyOneWins() throws Exception {
        ClientRecord current = ClientRecords.pending(ClientRecords.newId());
        store.create(current);
        for (int round = 0; round < 10; round++) {
            ClientRecord base = current;
            ClientRecord activate = base.withStatus(ClientStatus.ACTIVE, base.updatedAt().plusMillis(1));
            ClientRecord remove = base.withStatus(ClientStatus.DELETING, base.updatedAt().plusMillis(2));
            List<Callable<ClientRecord>> replacers = List.of(() -> replaced(activate), () -> replaced(remove));

            List<Object> outcomes = Race.run(replacers);

            assertThat(outcomes).filteredOn(WriteConflict.class::isInstance).hasSize(1);
            ClientRecord winner = (ClientRecord) outcomes.stream().filter(ClientRecord.class::isInstance).findFirst().orElseThrow();
            current = store.find(base.clientId()).orElseThrow();
            assertSameRecord(current, winner);
        }
    }

    private ClientRecord replaced(ClientRecord replacement) {
        new DynamoClientStore(TABLE.racingDynamo(), TABLE.name()).replace(replacement);
        return replacement;
    }

    /**
     * The outbox: a change event is written in the same conditional put as the change it tells, so the record's
     * version and the event's always agree, and a lost race writes neither.
     */
    @Test
    void aChangeAndItsEventAreWrittenTogetherWithTheSameVersion() {
        ClientRecord active = ClientRecords.active(ClientRecords.newId());
        store.create(active);
        ClientRecord updated = active.next(active.status(), active.metadata(), active.credentials(), active.checks(),
                active.updatedAt().plusSeconds(1)).withEvent(LifecycleEvent.Type.UPDATED, active.status());

        store.replace(updated);

        ClientRecord found = store.find(active.clientId()).orElseThrow();
        assertThat(found.version()).isEqualTo(active.version() + 1);
        assertThat(found.checks().pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(LifecycleEvent.Type.UPDATED);
            assertThat(event.change().version()).isEqualTo(found.version());
            assertThat(event.id()).isEqualTo(active.clientId().value() + ":" + found.version() + ":updated");
        });
        assertThat(found.checks().pendingEvents()).isEqualTo(updated.checks().pendingEvents());

        ClientRecord stale = active.next(ClientStatus.SUSPENDED, active.metadata(), active.credentials(), active.checks(),
                active.updatedAt().plusSeconds(2)).withEvent(LifecycleEvent.Type.SUSPENDED, active.status());
        assertThatThrownBy(() -> store.replace(stale)).isInstanceOf(WriteConflict.class);
        assertThat(store.find(active.clientId()).orElseThrow().checks().pendingEvents())
                .as("the losing write's event is not written").extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEvent.Type.UPDATED);
    }

    @Test
    void deleteNeedsTheVersionItDeletes() {
        ClientRecord record = ClientRecords.active(ClientRecords.newId());
        store.create(record);

        assertThatThrownBy(() -> store.delete(record.clientId(), record.version() - 1)).isInstanceOf(WriteConflict.class);
        assertThat(store.find(record.clientId())).isPresent();
        store.delete(record.clientId(), record.version());
        assertThat(store.find(record.clientId())).isEmpty();
        assertThatThrownBy(() -> store.delete(record.clientId(), record.version())).isInstanceOf(WriteConflict.class);
    }

    @Test
    void dueFollowsPagesAndReturnsOnlyTheStatusDueByTheTimeEarliestFirst() {
        Instant dueBy = Instant.parse("2025-04-01T00:00:00Z");
        List<ClientRecord> dueActive = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            dueActive.add(ClientRecords.dueAt(ClientStatus.ACTIVE, dueBy.minusSeconds(60L * i - 60)));
        }
        List<ClientRecord> others = List.of(
                ClientRecords.dueAt(ClientStatus.ACTIVE, dueBy.plusMillis(1)),
                ClientRecords.dueAt(ClientStatus.ACTIVE, dueBy.plusSeconds(3_600)),
                ClientRecords.dueAt(ClientStatus.PENDING, dueBy.minusSeconds(30)),
                ClientRecords.dueAt(ClientStatus.DELETING, dueBy.minusSeconds(30)));
        List<ClientRecord> all = new ArrayList<>(dueActive);
        all.addAll(others);
        Collections.shuffle(all);
        all.forEach(store::create);
        putForeignItemIntoTheIndex(dueBy.minusSeconds(3_600));
        // Three records a page: ten records need four queries, each continuing where the last stopped.
        DynamoClientStore pagedStore = new DynamoClientStore(TABLE.requests(), TABLE.name(), 3);

        List<ClientRecord> firstTen = pagedStore.due(ClientStatus.ACTIVE, dueBy, 10);
        List<ClientRecord> everyDue = pagedStore.due(ClientStatus.ACTIVE, dueBy, 100);

        List<String> expectedOrder = dueActive.stream().map(r -> r.clientId().value()).toList();
        assertThat(firstTen).extracting(r -> r.clientId().value()).containsExactlyElementsOf(expectedOrder.subList(0, 10));
        assertThat(everyDue).extracting(r -> r.clientId().value()).containsExactlyElementsOf(expectedOrder);
        assertThat(everyDue).allSatisfy(r -> assertThat(r.checks().nextCheckAt()).isBeforeOrEqualTo(dueBy));
        assertThat(pagedStore.due(ClientStatus.PENDING, dueBy, 100)).singleElement()
                .satisfies(r -> assertSameRecord(r, others.get(2)));
        assertThat(pagedStore.due(ClientStatus.ACTIVE, dueBy, 0)).isEmpty();
    }

    @Test
    void failingRecordsWithEveryCheckMemberReadBackEqualThroughReplaceFindAndTheIndex() {
        ClientRecord active = ClientRecords.active(ClientRecords.newId());
        store.create(active);
        ClientRecord warning = ClientRecords.failing(active.clientId(), ClientStatus.WARNING);
        store.replace(warning);

        assertSameRecord(store.find(active.clientId()).orElseThrow(), warning);
        assertThat(store.due(ClientStatus.WARNING, warning.checks().nextCheckAt(), 10)).singleElement()
                .satisfies(r -> assertSameRecord(r, warning));

        ClientRecord suspendedV3 = ClientRecords.failing(active.clientId(), ClientStatus.SUSPENDED);
        ClientRecord suspended = suspendedV3.next(ClientStatus.SUSPENDED, suspendedV3.metadata(),
                suspendedV3.credentials(), suspendedV3.checks(), suspendedV3.updatedAt().plusMillis(1));
        store.replace(suspended);

        assertSameRecord(store.find(active.clientId()).orElseThrow(), suspended);
        assertThat(store.duePage(ClientStatus.SUSPENDED, suspended.checks().nextCheckAt(), 10, null).records())
                .singleElement().satisfies(r -> assertSameRecord(r, suspended));
        assertThat(store.due(ClientStatus.WARNING, suspended.checks().nextCheckAt(), 10)).isEmpty();
    }

    @Test
    void duePagesFollowTheIndexWithinTheLimitWithoutSkipsOrRepeatsAndEndWithoutACursor() {
        Instant dueBy = Instant.parse("2025-04-01T00:00:00Z");
        List<ClientRecord> dueActive = dueEveryMinute(ClientStatus.ACTIVE, dueBy, 11);
        ClientRecord dueWarning = ClientRecords.dueAt(ClientStatus.WARNING, dueBy.minusSeconds(90));
        List<ClientRecord> all = new ArrayList<>(dueActive);
        all.addAll(List.of(dueWarning,
                ClientRecords.dueAt(ClientStatus.SUSPENDED, dueBy.minusSeconds(90)),
                ClientRecords.dueAt(ClientStatus.PENDING, dueBy.minusSeconds(90)),
                ClientRecords.dueAt(ClientStatus.WARNING, dueBy.plusMillis(1)),
                ClientRecords.dueAt(ClientStatus.ACTIVE, dueBy.plusMillis(1))));
        Collections.shuffle(all);
        all.forEach(store::create);
        putForeignItemIntoTheIndex(dueBy.minusSeconds(150));

        List<List<String>> pages = pages(ClientStatus.ACTIVE, dueBy, 3, page -> { });

        // Twelve index entries (the stray item counts towards the limit, and is left out) make four full pages; a
        // last page is full, so DynamoDB may answer one more, empty page before the cursor runs out.
        assertThat(pages).hasSizeBetween(4, 5).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(3));
        assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(ids(dueActive));
        DuePage warnings = store.duePage(ClientStatus.WARNING, dueBy, 3, null);
        assertThat(warnings.records()).singleElement().satisfies(r -> assertSameRecord(r, dueWarning));
        assertThat(warnings.cursor()).isNull();
    }

    /**
     * As a re-verification run pages: every record read is checked and written due a day later (past the range), the
     * cursor's own record included; an unread record that another run reschedules within the range is met once, at
     * its new place.
     */
    @Test
    void recordsRescheduledWhilePagingNeitherReappearNorCauseSkips() {
        Instant dueBy = Instant.parse("2025-04-01T00:00:00Z");
        List<ClientRecord> due = dueEveryMinute(ClientStatus.ACTIVE, dueBy, 10);
        due.forEach(store::create);
        ClientRecord movedWithin = due.get(5);
        List<String> read = new ArrayList<>();

        pages(ClientStatus.ACTIVE, dueBy, 3, page -> {
            for (ClientRecord record : page.records()) {
                read.add(record.clientId().value());
                store.replace(record.next(record.status(), record.metadata(), record.credentials(),
                        record.checks().dueAt(dueBy.plus(Duration.ofDays(1))), record.updatedAt().plusMillis(1)));
            }
            if (read.size() == 3) {
                store.replace(movedWithin.next(movedWithin.status(), movedWithin.metadata(), movedWithin.credentials(),
                        movedWithin.checks().dueAt(dueBy.minusSeconds(30)), movedWithin.updatedAt().plusMillis(1)));
            }
        });

        List<String> expected = new ArrayList<>(ids(due));
        expected.remove(movedWithin.clientId().value());
        expected.add(movedWithin.clientId().value());
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(store.due(ClientStatus.ACTIVE, dueBy, 100)).isEmpty();
    }

    @Test
    void aCursorThisStoreDidNotWriteOrAnEmptyPageIsRefused() {
        Instant dueBy = Instant.parse("2025-04-01T00:00:00Z");
        store.create(ClientRecords.dueAt(ClientStatus.ACTIVE, dueBy.minusSeconds(60)));
        List<String> cursors = List.of("not base64!", "", cursor("no separator"), cursor("|CLIENT#abc"),
                cursor("soon|CLIENT#abc"), cursor("1743465600000|"), cursor("1.5|CLIENT#abc"));
        for (String cursor : cursors) {
            assertThatThrownBy(() -> store.duePage(ClientStatus.ACTIVE, dueBy, 3, cursor))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.duePage(ClientStatus.ACTIVE, dueBy, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Every page of the due records, in order, as client ids; each page is handed to the action once read. */
    private List<List<String>> pages(ClientStatus status, Instant dueBy, int limit, Consumer<DuePage> action) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            DuePage page = store.duePage(status, dueBy, limit, cursor);
            pages.add(ids(page.records()));
            action.accept(page);
            cursor = page.cursor();
        } while (cursor != null && pages.size() < 100);
        assertThat(cursor).as("the cursor runs out").isNull();
        return pages;
    }

    /** Records of the status due a minute apart, the last a minute before the time; earliest first. */
    private static List<ClientRecord> dueEveryMinute(ClientStatus status, Instant dueBy, int count) {
        List<ClientRecord> records = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            records.add(ClientRecords.dueAt(status, dueBy.minusSeconds(60L * i)));
        }
        return records;
    }

    private static List<String> ids(List<ClientRecord> records) {
        return records.stream().map(r -> r.clientId().value()).toList();
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyOperationIsUnavailableWhenTheTableCannotBeReachedAndSaysNothingOfTheRecord() {
        ClientRecord record = ClientRecords.active(ClientRecords.newId());
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            DynamoDbRequests dead = UnreachableTable.requests(http);
            DynamoClientStore unreachable = new DynamoClientStore(dead, UnreachableTable.NAME);
            List<ThrowingCallable> operations = List.of(
                    () -> unreachable.create(record),
                    () -> unreachable.find(record.clientId()),
                    () -> unreachable.replace(record),
                    () -> unreachable.delete(record.clientId(), record.version()),
                    () -> unreachable.due(ClientStatus.ACTIVE, Instant.now(), 10),
                    () -> unreachable.duePage(ClientStatus.ACTIVE, Instant.now(), 10, null));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).isInstanceOf(StoreUnavailable.class)
                        .hasMessageStartingWith("the clients table did not answer")
                        .message().doesNotContain(record.clientId().value(), record.credentials().registrationTokenHash());
            }
        }
    }

    /** An item that is no client record but carries the index's attributes, as a stray write might leave. */
    private void putForeignItemIntoTheIndex(Instant nextCheckAt) {
        TABLE.dynamo().putItem(r -> r.tableName(TABLE.name()).item(java.util.Map.of(
                ClientsTable.KEY, AttributeValue.fromS("OTHER#stray"),
                ClientsTable.STATUS, AttributeValue.fromS(ClientStatus.ACTIVE.code()),
                ClientsTable.NEXT_CHECK_AT, AttributeValue.fromN(Long.toString(nextCheckAt.toEpochMilli())))));
    }
}
