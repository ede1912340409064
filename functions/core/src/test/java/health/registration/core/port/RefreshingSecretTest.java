package health.registration.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingSecretTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.at("2026-06-01T12:00:00Z");
    private final List<String> logged = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile String text = "first";
    private volatile boolean failing;

    private final SecretSource source = () -> {
        reads.incrementAndGet();
        if (failing) {
            throw new StoreUnavailable("GetSecretValue of a configuration secret failed", null);
        }
        return text;
    };

    private RefreshingSecret<String> secret() {
        return new RefreshingSecret<>("pepper-secret", source, value -> {
            if (value.startsWith("bad")) {
                throw new IllegalArgumentException("not a pepper");
            }
            return value.toUpperCase();
        }, RefreshingSecret.Timing.every(FIVE_MINUTES), clock, logged::add);
    }

    @Test
    void readsNothingUntilFirstUsed() {
        RefreshingSecret<String> secret = secret();

        assertThat(reads).hasValue(0);
        assertThat(secret.get()).isEqualTo("FIRST");
        assertThat(reads).hasValue(1);
    }

    @Test
    void servesTheValueReadUntilItIsDueAndThenReadsTheRotatedOne() {
        RefreshingSecret<String> secret = secret();
        secret.get();
        text = "rotated";

        clock.advance(FIVE_MINUTES.minusSeconds(1));
        assertThat(secret.get()).isEqualTo("FIRST");
        clock.advance(Duration.ofSeconds(1));
        assertThat(secret.get()).isEqualTo("ROTATED");
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsTheLastGoodValueForAnHourWhenRefreshesFailAndLogsOnlyTheName() {
        RefreshingSecret<String> secret = secret();
        secret.get();
        failing = true;

        clock.advance(FIVE_MINUTES);
        assertThat(secret.get()).isEqualTo("FIRST");
        clock.advance(Duration.ofMinutes(59));
        assertThat(secret.get()).isEqualTo("FIRST");
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(secret::get).isInstanceOf(RefreshingSecret.SecretUnavailable.class)
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("pepper-secret");

        assertThat(logged).isNotEmpty().allSatisfy(line -> assertThat(line).contains("pepper-secret")
                .doesNotContain("first").doesNotContain("FIRST"));
    }

    @Test
    void keepsTheLastGoodValueWhenTheRotatedTextDoesNotParse() {
        RefreshingSecret<String> secret = secret();
        secret.get();
        text = "bad secret text";

        clock.advance(FIVE_MINUTES);

        assertThat(secret.get()).isEqualTo("FIRST");
        assertThat(logged).singleElement().asString().contains("pepper-secret", "IllegalArgumentException")
                .doesNotContain("bad secret text");
    }

    @Test
    void retriesAFailedRefreshAtMostEveryThirtySeconds() {
        RefreshingSecret<String> secret = secret();
        secret.get();
        failing = true;
        clock.advance(FIVE_MINUTES);

        for (int i = 0; i < 10; i++) {
            secret.get();
        }
        assertThat(reads).hasValue(2);
        clock.advance(Duration.ofSeconds(30));
        failing = false;
        text = "recovered";
        assertThat(secret.get()).isEqualTo("RECOVERED");
    }

    @Test
    void failsWithoutAGoodValueAndTriesAgainLater() {
        failing = true;
        RefreshingSecret<String> secret = secret();

        assertThatThrownBy(secret::get).isInstanceOf(RefreshingSecret.SecretUnavailable.class);
        assertThatThrownBy(secret::get).as("within the retry interval, without reading")
                .isInstanceOf(RefreshingSecret.SecretUnavailable.class);
        assertThat(reads).hasValue(1);

        failing = false;
        clock.advance(Duration.ofSeconds(30));
        assertThat(secret.get()).isEqualTo("FIRST");
    }

    @Test
    void keepsTheSameValueWhenTheTextIsUnchanged() {
        RefreshingSecret<String> secret = secret();
        String first = secret.get();

        clock.advance(FIVE_MINUTES);

        assertThat(secret.get()).isSameAs(first);
        assertThat(reads).hasValue(2);
    }
}
