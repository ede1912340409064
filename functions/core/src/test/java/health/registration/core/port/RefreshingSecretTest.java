package health.registration.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    void aCallerThatWaitedForAnotherCallersReadUsesItInsteadOfReadingAgain() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finishReading = new CountDownLatch(1);
        RefreshingSecret<String> secret = new RefreshingSecret<>("pepper-secret", () -> {
            reads.incrementAndGet();
            reading.countDown();
            await(finishReading);
            return text;
        }, String::toUpperCase, RefreshingSecret.Timing.every(FIVE_MINUTES), clock, logged::add);
        AtomicReference<String> firstValue = new AtomicReference<>();
        AtomicReference<String> secondValue = new AtomicReference<>();
        Thread first = new Thread(() -> firstValue.set(secret.get()));
        Thread second = new Thread(() -> secondValue.set(secret.get()));

        first.start();
        await(reading);
        second.start();
        // Generous: the second caller reaches the lock the first holds within milliseconds on any machine.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.BLOCKED) {
            assertThat(System.nanoTime()).as("the second caller waits for the first one's read").isLessThan(giveUp);
            Thread.sleep(1);
        }
        finishReading.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));
        second.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(firstValue.get()).isEqualTo("FIRST");
        assertThat(secondValue.get()).isEqualTo("FIRST");
        assertThat(reads).as("one read for both").hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
                .isInstanceOf(StoreUnavailable.class).hasMessageContaining("pepper-secret")
                .satisfies(e -> assertThat(((RefreshingSecret.SecretUnavailable) e).setting()).isEqualTo("pepper-secret"));

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
