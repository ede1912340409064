package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.port.StoreUnavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DynamoRequestCounter} against moto, each test on a fresh copy of the template's request counts TABLE.table(). */
class DynamoRequestCounterIT {

    private static final Instant WINDOW_END = Instant.parse("2026-12-07T11:00:00Z");

    @RegisterExtension
    static final EmulatedTable TABLE = EmulatedTable.of("request-counts-it", "RequestCountsTable");

    private DynamoRequestCounter counter;

    @BeforeEach
    void buildStoreOnTheTable() {
        counter = new DynamoRequestCounter(TABLE.requests(), TABLE.name());
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
        DynamoRequestCounter racing = new DynamoRequestCounter(TABLE.racingDynamo(), TABLE.name());
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
        DynamoRequestCounter missing = new DynamoRequestCounter(TABLE.requests(), TABLE.name() + "-missing");

        assertThatThrownBy(() -> missing.increment("register#203.0.113.7#1765101600", 3, WINDOW_END))
                .isInstanceOf(StoreUnavailable.class).hasMessageNotContaining("203.0.113.7");
    }

    private Map<String, AttributeValue> item(String counter) {
        return TABLE.dynamo().getItem(r -> r.tableName(TABLE.name()).consistentRead(true)
                .key(Map.of(RequestCountsTable.KEY, AttributeValue.fromS(counter)))).item();
    }
}
