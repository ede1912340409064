package health.registration.adapters.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.net.InetAddresses;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every lookup here is a fake: no test queries real DNS. */
class SystemNameResolverTest {

    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final InetAddress PUBLIC = InetAddresses.forString("11.22.33.44");
    private static final InetAddress PUBLIC6 = InetAddresses.forString("2a0f:dead:beef::2");

    private final List<String> looked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedLookups() {
        release.countDown();
    }

    @Test
    void answersWithTheLookupsAddressesInOrder() throws Exception {
        SystemNameResolver resolver = resolver(HostsFile.empty(), answering(PUBLIC6, PUBLIC));

        assertThat(resolver.resolve("ok.example.com")).containsExactly(PUBLIC6, PUBLIC);
        assertThat(looked).containsExactly("ok.example.com");
    }

    @Test
    void reportsAnUnknownNameAsNotResolving() {
        SystemNameResolver resolver = resolver(HostsFile.empty(), host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        });

        ProbeFailure failure = failureOf(resolver, "nowhere.example.com");

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.DNS_ERROR);
        assertThat(failure.getMessage()).isEqualTo("nowhere.example.com does not resolve");
    }

    @Test
    void reportsAnEmptyAnswerAsNotResolving() {
        assertThat(failureOf(resolver(HostsFile.empty(), answering()), "ok.example.com").outcome())
                .isEqualTo(ProbeOutcome.DNS_ERROR);
    }

    @Test
    void reportsAFailingLookupAsADnsError() {
        SystemNameResolver resolver = resolver(HostsFile.empty(), host -> {
            throw new SecurityException("no network permission");
        });

        ProbeFailure failure = failureOf(resolver, "ok.example.com");

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.DNS_ERROR);
        assertThat(failure.getMessage()).isEqualTo("ok.example.com could not be resolved");
    }

    @Test
    void stopsWaitingForABlockedLookupAtTheLimit() {
        SystemNameResolver resolver = resolver(HostsFile.empty(), host -> {
            awaitRelease();
            return new InetAddress[] {PUBLIC};
        });

        long start = System.nanoTime();
        ProbeFailure failure = failureOf(resolver, "slow.example.com");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("slow.example.com did not resolve within 300 ms");
        // Generous: the lookup blocks until the test ends, so without the limit this would never return; 20 s only
        // keeps a slow runner from failing a resolver that stopped waiting at the limit.
        assertThat(elapsed).isGreaterThanOrEqualTo(LIMIT).isLessThan(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "11.22.33.44", "::1",
            "[::1]", "::ffff:127.0.0.1", "1.2.3.4.5"})
    void neverLooksUpAnIpLiteral(String literal) {
        // Even a hosts file listing the literal as a name does not make it resolvable.
        SystemNameResolver resolver = resolver(hosts("11.22.33.44 " + literal), answering(PUBLIC));

        ProbeFailure failure = failureOf(resolver, literal);

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.DNS_ERROR);
        assertThat(failure.getMessage()).isEqualTo("IP literals are not resolved");
        assertThat(looked).isEmpty();
    }

    @Test
    void answersFromTheHostsFileBeforeTheLookup() throws Exception {
        SystemNameResolver resolver = resolver(hosts("11.22.33.44 ok.example.com"), answering(PUBLIC6));

        assertThat(resolver.resolve("OK.example.com")).containsExactly(PUBLIC);
        assertThat(resolver.resolve("other.example.com")).containsExactly(PUBLIC6);
        assertThat(looked).containsExactly("other.example.com");
    }

    @Test
    void theProductionResolverAnswersListedNamesWithoutDns() throws Exception {
        SystemNameResolver resolver = SystemNameResolver.create(hosts("11.22.33.44 ok.example.com"),
                ProbeLimits.defaults());

        assertThat(resolver.resolve("ok.example.com")).containsExactly(PUBLIC);
    }

    private SystemNameResolver.AddressLookup answering(InetAddress... addresses) {
        return host -> addresses;
    }

    /** The resolver under test, recording every name that reaches the lookup. */
    private SystemNameResolver resolver(HostsFile hosts, SystemNameResolver.AddressLookup lookup) {
        return new SystemNameResolver(hosts, LIMIT, host -> {
            looked.add(host);
            return lookup.lookup(host);
        });
    }

    /** Blocks like a stuck getAllByName, which ignores interrupts, until the test ends. */
    private void awaitRelease() {
        boolean interrupted = false;
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException ignoredLikeTheJdkLookup) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static HostsFile hosts(String line) {
        return HostsFile.parse(List.of(line));
    }

    private static ProbeFailure failureOf(SystemNameResolver resolver, String host) {
        return catchThrowableOfType(ProbeFailure.class, () -> resolver.resolve(host));
    }
}
