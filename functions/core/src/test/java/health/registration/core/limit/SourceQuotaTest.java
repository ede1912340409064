package health.registration.core.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.port.InMemoryRequestCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceQuotaTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:59:30Z");
    private static final SourceAddress SOURCE = SourceAddress.of("203.0.113.7");

    private final InMemoryRequestCounter counter = new InMemoryRequestCounter();

    private SourceQuota quota(Instant now, long perHour) {
        return new SourceQuota("register", counter, perHour, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void admitsUpToTheLimitThenRefusesWithTheSecondsUntilTheWindowFrees() {
        SourceQuota quota = quota(NOW, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(quota.admit(SOURCE)).as("request " + (i + 1)).isInstanceOf(SourceQuota.Admitted.class);
        }

        SourceQuota.Admission fourth = quota.admit(SOURCE);

        assertThat(fourth).isInstanceOf(SourceQuota.Exhausted.class);
        SourceQuota.Exhausted exhausted = (SourceQuota.Exhausted) fourth;
        assertThat(exhausted.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(exhausted.error().error()).isEqualTo(RegistrationErrorCode.RATE_LIMITED);
        assertThat(exhausted.error().httpStatus()).isEqualTo(429);
        assertThat(exhausted.error().description()).contains("3 register requests this hour").contains("30 seconds");
    }

    @Test
    void anotherSourceHasItsOwnCounter() {
        SourceQuota quota = quota(NOW, 1);
        assertThat(quota.admit(SOURCE)).isInstanceOf(SourceQuota.Admitted.class);
        assertThat(quota.admit(SOURCE)).isInstanceOf(SourceQuota.Exhausted.class);

        assertThat(quota.admit(SourceAddress.of("203.0.113.8"))).isInstanceOf(SourceQuota.Admitted.class);
    }

    @Test
    void theNextHourStartsAFreshWindow() {
        quota(NOW, 1).admit(SOURCE);
        assertThat(quota(NOW, 1).admit(SOURCE)).isInstanceOf(SourceQuota.Exhausted.class);

        assertThat(quota(Instant.parse("2026-12-07T11:00:00Z"), 1).admit(SOURCE)).isInstanceOf(SourceQuota.Admitted.class);
    }

    @Test
    void scopesCountApart() {
        new SourceQuota("register", counter, 1, Clock.fixed(NOW, ZoneOffset.UTC)).admit(SOURCE);

        assertThat(new SourceQuota("probe", counter, 1, Clock.fixed(NOW, ZoneOffset.UTC)).admit(SOURCE))
                .isInstanceOf(SourceQuota.Admitted.class);
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        Instant lastMillisecond = Instant.parse("2026-12-07T10:59:59.999Z");
        quota(lastMillisecond, 1).admit(SOURCE);

        SourceQuota.Exhausted exhausted = (SourceQuota.Exhausted) quota(lastMillisecond, 1).admit(SOURCE);

        assertThat(exhausted.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> quota(NOW, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsItsLimit() {
        assertThat(quota(NOW, 1).perHour()).isOne();
        assertThat(quota(NOW, 25).perHour()).isEqualTo(25);
    }
}
