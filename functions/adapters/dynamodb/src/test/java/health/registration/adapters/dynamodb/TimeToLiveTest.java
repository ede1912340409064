package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TimeToLiveTest {

    private static final Instant SECOND = Instant.parse("2025-03-01T10:20:00Z");

    @Test
    void roundsUpToTheWholeSecond() {
        assertThat(TimeToLive.epochSecondsRoundedUp(SECOND)).isEqualTo(SECOND.getEpochSecond());
        assertThat(TimeToLive.epochSecondsRoundedUp(SECOND.plusNanos(1))).isEqualTo(SECOND.getEpochSecond() + 1);
    }

    @Test
    void anItemExpiresOnlyOnceTheWholeSecondAfterItsExpiryHasBegun() {
        Map<String, AttributeValue> item = Map.of("expiresAt", AttributeValue.fromN(Long.toString(SECOND.getEpochSecond())));

        assertThat(TimeToLive.expired(item, SECOND)).isFalse();
        assertThat(TimeToLive.expired(item, SECOND.plusMillis(999))).isFalse();
        assertThat(TimeToLive.expired(item, SECOND.plusSeconds(1))).isTrue();
    }

    @Test
    void anItemWithoutExpiryIsMalformed() {
        assertThatThrownBy(() -> TimeToLive.expired(Map.of(), SECOND)).hasMessageContaining("expiresAt");
    }
}
