package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HostLimiterTest {

    /** A clock tests move by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void letsOnlySoManyProbesRunAtOnceAgainstOneHost() throws InterruptedException {
        HostLimiter limiter = new HostLimiter(2, 100, new ManualClock());

        HostLimiter.Permit first = limiter.acquire("app.example.com", 0);
        HostLimiter.Permit second = limiter.acquire("APP.example.com", 0);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(limiter.acquire("app.example.com", 10)).isNull();
        assertThat(limiter.acquire("other.example.com", 0)).as("another host has its own budget").isNotNull();
        first.close();
        assertThat(limiter.acquire("app.example.com", 0)).isNotNull();
    }

    @Test
    void refusesMoreStartsPerMinuteThanAllowedAndForgetsThemAfterAMinute() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(10, 3, clock);

        for (int i = 0; i < 3; i++) {
            limiter.acquire("app.example.com", 0).close();
        }
        assertThat(limiter.acquire("app.example.com", 0)).isNull();

        clock.advance(Duration.ofSeconds(61));
        assertThat(limiter.acquire("app.example.com", 0)).isNotNull();
    }

    @Test
    void staysBoundedWhenManyHostsAreProbed() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(2, 5, clock);
        for (int i = 0; i < 5000; i++) {
            limiter.acquire("host" + i + ".example.com", 0).close();
        }
        clock.advance(Duration.ofMinutes(2));

        limiter.acquire("late.example.com", 0).close();

        assertThat(limiter.acquire("host1.example.com", 0)).as("forgotten hosts start afresh").isNotNull();
    }
}
