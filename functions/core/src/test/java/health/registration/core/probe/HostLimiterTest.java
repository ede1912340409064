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

    /** Starts and ends one probe on each of this many new hosts, named {@code prefix0...}. */
    private static void probeHosts(HostLimiter limiter, String prefix, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            limiter.acquire(prefix + i + ".example.com", 0).close();
        }
    }

    @Test
    void forgetsIdleHostsOnceItRemembersMoreThanItsBound() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(2, 5, clock);
        probeHosts(limiter, "host", 2 * HostLimiter.FORGET_ABOVE_HOSTS);
        clock.advance(Duration.ofMinutes(2));

        limiter.acquire("late.example.com", 0).close();

        assertThat(limiter.remembered()).as("every idle host forgotten, the new one kept").isEqualTo(1);
        assertThat(limiter.acquire("host1.example.com", 0)).as("a forgotten host starts afresh").isNotNull();
    }

    @Test
    void forgetsNothingWhileItRemembersNoMoreThanItsBound() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(2, 5, clock);
        probeHosts(limiter, "host", HostLimiter.FORGET_ABOVE_HOSTS);
        clock.advance(Duration.ofMinutes(2));

        limiter.acquire("late.example.com", 0).close();
        assertThat(limiter.remembered()).as("exactly at the bound").isEqualTo(HostLimiter.FORGET_ABOVE_HOSTS + 1);

        limiter.acquire("later.example.com", 0).close();
        assertThat(limiter.remembered()).as("one past the bound: the idle hosts go, the two just started stay")
                .isEqualTo(2);
    }

    @ParameterizedTest(name = "last start {0} ms before: forgotten {1}")
    @CsvSource({"60000, true", "59999, false"})
    void forgetsAHostExactlyAMinuteAfterItsLastStart(long sinceLastStartMillis, boolean forgotten)
            throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(2, 5, clock);
        probeHosts(limiter, "host", HostLimiter.FORGET_ABOVE_HOSTS + 1);
        clock.advance(Duration.ofMillis(sinceLastStartMillis));

        limiter.acquire("late.example.com", 0).close();

        assertThat(limiter.remembered()).isEqualTo(forgotten ? 1 : HostLimiter.FORGET_ABOVE_HOSTS + 2);
    }

    @Test
    void neverForgetsAHostWithAProbeInFlight() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(1, 100, clock);
        HostLimiter.Permit running = limiter.acquire("busy.example.com", 0);
        probeHosts(limiter, "host", HostLimiter.FORGET_ABOVE_HOSTS);
        clock.advance(Duration.ofMinutes(2));

        limiter.acquire("late.example.com", 0).close();

        assertThat(limiter.remembered()).as("the busy host and the new one").isEqualTo(2);
        assertThat(limiter.acquire("busy.example.com", 0)).as("its one probe at a time still holds").isNull();
        running.close();
        assertThat(limiter.acquire("busy.example.com", 0)).isNotNull();
    }

    @Test
    void neverForgetsAnAddressWithProbesInFlightUpToItsLargerShare() throws Exception {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(1, 100, clock);
        InetAddress busy = InetAddress.getByName("203.0.113.7");
        List<HostLimiter.Permit> running = new java.util.ArrayList<>();
        for (int i = 1; i < HostLimiter.ADDRESS_SHARE; i++) {
            running.add(limiter.acquire(List.of(busy), 0));
        }
        probeHosts(limiter, "host", HostLimiter.FORGET_ABOVE_HOSTS);
        clock.advance(Duration.ofMinutes(2));

        limiter.acquire("late.example.com", 0).close();

        assertThat(running).doesNotContainNull().hasSize(HostLimiter.ADDRESS_SHARE - 1);
        assertThat(limiter.remembered()).as("the address with one free permit of its share, and the new host")
                .isEqualTo(2);
        assertThat(limiter.acquire(List.of(busy), 0)).as("the last of its share").isNotNull();
        assertThat(limiter.acquire(List.of(busy), 0)).as("its share still holds").isNull();
    }

    @Test
    void neverForgetsAHostStartedWithinTheLastMinute() throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(2, 1, clock);
        probeHosts(limiter, "host", HostLimiter.FORGET_ABOVE_HOSTS);
        clock.advance(Duration.ofSeconds(30));
        limiter.acquire("recent.example.com", 0).close();
        clock.advance(Duration.ofSeconds(30));

        limiter.acquire("late.example.com", 0).close();

        assertThat(limiter.remembered()).as("the recent host and the new one").isEqualTo(2);
        assertThat(limiter.acquire("recent.example.com", 0)).as("its one start per minute is still spent").isNull();
    }

    @ParameterizedTest(name = "{0} and {1} share a budget: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.7          | 203.0.113.7          | true
            203.0.113.7          | 203.0.113.8          | false
            2001:db8:1:2::1      | 2001:db8:1:2:ffff::9 | true
            2001:db8:1:2::1      | 2001:db8:1:3::1      | false
            2001:db8:1:2::1      | 2001:db8:101:2::1    | false
            2001:db8:1:2::1      | 2001:db8:1:102::1    | false
            2001:db8:1:2::1      | 2001:db8:1:2:ff00::1 | true
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

    @ParameterizedTest(name = "a start {0} ms ago: counted {1}")
    @CsvSource({"60000, false", "59999, true"})
    void countsAStartForExactlyOneMinute(long sinceStartMillis, boolean counted) throws InterruptedException {
        ManualClock clock = new ManualClock();
        HostLimiter limiter = new HostLimiter(10, 1, clock);
        limiter.acquire("app.example.com", 0).close();
        clock.advance(Duration.ofMillis(sinceStartMillis));

        assertThat(limiter.acquire("app.example.com", 0) == null).isEqualTo(counted);
    }

    @Test
    void countsANameAndItsAddressesTogetherOrNotAtAll() throws Exception {
        HostLimiter limiter = new HostLimiter(1, 100, new ManualClock());
        InetAddress busy = InetAddress.getByName("203.0.113.7");
        List<HostLimiter.Permit> running = new java.util.ArrayList<>();
        for (int i = 0; i < HostLimiter.ADDRESS_SHARE; i++) {
            running.add(limiter.acquire(List.of(busy), 0));
        }

        assertThat(limiter.acquire("app.example.com", List.of(busy), 0)).as("the address has no permit free").isNull();
        assertThat(limiter.acquire("app.example.com", 0)).as("so the name's permit was given back").isNotNull();
        running.forEach(HostLimiter.Permit::close);
    }

    @Test
    void holdsTheNameAndEveryAddressUntilClosed() throws Exception {
        HostLimiter limiter = new HostLimiter(1, 100, new ManualClock());
        InetAddress address = InetAddress.getByName("203.0.113.7");

        HostLimiter.Permit both = limiter.acquire("APP.example.com", List.of(address), 0);

        assertThat(both).isNotNull();
        assertThat(limiter.acquire("app.example.com", 0)).as("the name, counted in lower case").isNull();
        both.close();
        assertThat(limiter.acquire("app.example.com", 0)).isNotNull();
    }

    @Test
    void waitsForAPermitGivenBackWithinTheWait() throws Exception {
        HostLimiter limiter = new HostLimiter(1, 100, new ManualClock());
        HostLimiter.Permit running = limiter.acquire("app.example.com", 0);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.close();
        });
        releaser.start();

        // Generous: the permit comes back after about 0.1 s; the wait of 10 s only bounds a broken limiter.
        HostLimiter.Permit waited = limiter.acquire("app.example.com", 10_000);

        assertThat(waited).isNotNull();
        releaser.join();
    }
}
