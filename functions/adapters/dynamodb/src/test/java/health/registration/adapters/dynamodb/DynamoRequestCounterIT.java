package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.AwsClients;
import health.registration.core.port.StoreUnavailable;
import health.registration.testkit.MotoServer;
import health.registration.testkit.TemplateTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoRequestCounter} against moto, each test on a fresh copy of the template's request counts table. */
class DynamoRequestCounterIT {

    private static final Instant WINDOW_END = Instant.parse("2026-12-07T11:00:00Z");

    private static DynamoDbClient dynamo;
    /** For races: see {@link OneRequestAtATime} on why moto is sent one request at a time. */
    private static DynamoDbClient racingDynamo;

    private TemplateTable table;
    private DynamoRequestCounter counter;

    @BeforeAll
    static void requireEmulator() {
        dynamo = MotoServer.require(AwsClients.dynamoDb());
        racingDynamo = OneRequestAtATime.dynamoDb();
    }

    @AfterAll
    static void closeRacingClient() {
        racingDynamo.close();
    }

    @BeforeEach
    void createTable() {
        table = TemplateTable.create(dynamo, "request-counts-it", "RequestCountsTable");
        counter = new DynamoRequestCounter(dynamo, table.name());
    }

    @AfterEach
    void deleteTable() {
        table.close();
    }

    @Test
    void countsUpToTheLimitThenRefusesWithoutCounting() {
        for (int i = 0; i < 3; i++) {
            assertThat(counter.increment("register#203.0.113.7#1765101600", 3, WINDOW_END)).as("request " + (i + 1)).isTrue();
        }

        assertThat(counter.increment("register#203.0.113.7#1765101600", 3, WINDOW_END)).isFalse();
        assertThat(counter.increment("register#203.0.113.7#1765101600", 3, WINDOW_END)).isFalse();

        Map<String, AttributeValue> item = item("register#203.0.113.7#1765101600");
        assertThat(item.get(RequestCountsTable.COUNT).n()).as("refusals do not count").isEqualTo("3");
        assertThat(item.get(RequestCountsTable.EXPIRES_AT).n()).isEqualTo(String.valueOf(WINDOW_END.getEpochSecond()));
    }

    @Test
    void eachCounterCountsApart() {
        assertThat(counter.increment("register#203.0.113.7#1765101600", 1, WINDOW_END)).isTrue();

        assertThat(counter.increment("register#203.0.113.8#1765101600", 1, WINDOW_END)).isTrue();
        assertThat(counter.increment("probe#203.0.113.7#1765101600", 1, WINDOW_END)).isTrue();
        assertThat(counter.increment("register#203.0.113.7#1765105200", 1, WINDOW_END.plusSeconds(3600))).isTrue();
    }

    @Test
    void ofConcurrentRequestsAtMostTheLimitAreCounted() throws Exception {
        DynamoRequestCounter racing = new DynamoRequestCounter(racingDynamo, table.name());
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(() -> racing.increment("register#198.51.100.1#1765101600", 5, WINDOW_END));
        }

        List<Object> outcomes = Race.run(requests);

        assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(5);
        assertThat(outcomes).filteredOn(Boolean.FALSE::equals).hasSize(7);
        assertThat(item("register#198.51.100.1#1765101600").get(RequestCountsTable.COUNT).n()).isEqualTo("5");
    }

    @Test
    void anUnreachableTableIsStoreUnavailable() {
        DynamoRequestCounter missing = new DynamoRequestCounter(dynamo, table.name() + "-missing");

        assertThatThrownBy(() -> missing.increment("register#203.0.113.7#1765101600", 3, WINDOW_END))
                .isInstanceOf(StoreUnavailable.class).hasMessageNotContaining("203.0.113.7");
    }

    private Map<String, AttributeValue> item(String counter) {
        return dynamo.getItem(r -> r.tableName(table.name()).consistentRead(true)
                .key(Map.of(RequestCountsTable.KEY, AttributeValue.fromS(counter)))).item();
    }
}
