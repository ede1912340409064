package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0} and {1} share a budget: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.7          | 203.0.113.7          | true
            203.0.113.7          | 203.0.113.8          | false
            2001:db8:1:2::1      | 2001:db8:1:2:ffff::9 | true
            2001:db8:1:2::1      | 2001:db8:1:3::1      | false
            """)
    void countsAnAddressByItselfAndAnIpv6AddressByItsSlash64(String one, String other, boolean shared) throws Exception {
        HostLimiter limiter = new HostLimiter(10, 1, new ManualClock());

        for (int i = 0; i < HostLimiter.ADDRESS_SHARE; i++) {
            assertThat(limiter.acquire(List.of(InetAddress.getByName(one)), 0)).as("an address's share of starts").isNotNull();
        }

        assertThat(limiter.acquire(List.of(InetAddress.getByName(other)), 0) == null).isEqualTo(shared);
    }

    @Test
    void countsEveryAddressOfAHostOrNone() throws Exception {
        HostLimiter limiter = new HostLimiter(10, 1, new ManualClock());
        InetAddress spent = InetAddress.getByName("203.0.113.7");
        InetAddress fresh = InetAddress.getByName("203.0.113.8");
        for (int i = 0; i < HostLimiter.ADDRESS_SHARE; i++) {
            limiter.acquire(List.of(spent), 0).close();
        }

        assertThat(limiter.acquire(List.of(fresh, spent), 0)).as("one address of the host has no budget left").isNull();

        assertThat(limiter.acquire(List.of(fresh), 0)).as("so the other's was not used").isNotNull();
    }

    @Test
    void holdsTheInFlightPermitOfEveryAddressUntilClosed() throws Exception {
        HostLimiter limiter = new HostLimiter(1, 100, new ManualClock());
        InetAddress address = InetAddress.getByName("203.0.113.7");
        List<HostLimiter.Permit> running = new java.util.ArrayList<>();
        for (int i = 0; i < HostLimiter.ADDRESS_SHARE; i++) {
            running.add(limiter.acquire(List.of(address, InetAddress.getByName("203.0.113.8")), 0));
        }

        assertThat(running).doesNotContainNull();
        assertThat(limiter.acquire(List.of(address), 10)).isNull();
        running.get(0).close();
        assertThat(limiter.acquire(List.of(address), 0)).isNotNull();
    }
}
