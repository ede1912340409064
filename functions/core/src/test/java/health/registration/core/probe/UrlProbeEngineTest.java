package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlProbeEngineTest {

    private static final int POOL = 3;
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452");
    private static final ProbeLimits LIMITS = new ProbeLimits(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1024, 4096, 25, POOL, 8, 1000);

    private final ExecutorService executor = Executors.newFixedThreadPool(POOL);
    private final InMemoryNameResolver resolver = new InMemoryNameResolver().answer("app.example.com", "11.22.33.44");
    private final ScriptedPageFetcher fetcher = new ScriptedPageFetcher();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private UrlProbeEngine engine(int maxPerHostPerMinute) {
        return new UrlProbeEngine(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()), LIMITS,
                new HostLimiter(8, maxPerHostPerMinute, Clock.systemUTC()), executor);
    }

    private static ProbeTarget page(String url) {
        return new ProbeTarget(url, FetchPurpose.PAGE);
    }

    @Test
    void probesABatchLargerThanTheProbesInFlightOncePerTargetInOrder() {
        List<ProbeTarget> targets = IntStream.range(0, 4 * POOL + 1).mapToObj(i -> page("https://app.example.com/p" + i)).toList();
        targets.forEach(t -> fetcher.page(t.url(), 200));
        fetcher.holdUntilInFlight(POOL);

        List<UrlProbe> probes = engine(1000).probe(targets);

        assertThat(probes).extracting(UrlProbe::target).containsExactlyElementsOf(targets);
        assertThat(probes).allSatisfy(p -> assertThat(p.httpStatus()).isEqualTo(200));
        assertThat(fetcher.requests).extracting(FetchRequest::url)
                .containsExactlyInAnyOrderElementsOf(targets.stream().map(ProbeTarget::url).toList());
        assertThat(fetcher.peakInFlight.get()).isEqualTo(POOL);
        assertThat(fetcher.gateTimeouts.get()).as("the first wave met at the gate, all at once").isZero();
    }

    @Test
    void fetchesAnImageTargetAsALogoAndJudgesItsBytes() {
        fetcher.page("https://app.example.com/logo.png", 200, "image/png", PNG).page("https://app.example.com/svg", 200,
                "image/svg+xml", "<svg/>".getBytes());

        List<UrlProbe> probes = engine(1000).probe(List.of(new ProbeTarget("https://app.example.com/logo.png", FetchPurpose.IMAGE),
                new ProbeTarget("https://app.example.com/svg", FetchPurpose.IMAGE), page("https://app.example.com/logo.png")));

        assertThat(probes).extracting(UrlProbe::imageOutcome).containsExactly(ProbeOutcome.OK, ProbeOutcome.NOT_AN_IMAGE, null);
        assertThat(fetcher.requests).filteredOn(r -> r.purpose() == FetchPurpose.IMAGE)
                .allSatisfy(r -> assertThat(r.maxBodyBytes()).isEqualTo(LIMITS.maxLogoBytes())).hasSize(2);
        assertThat(fetcher.requests).filteredOn(r -> r.purpose() == FetchPurpose.PAGE).singleElement()
                .satisfies(r -> assertThat(r.maxBodyBytes()).isEqualTo(LIMITS.maxPageBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.0.0.7", "127.0.0.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "::ffff:192.168.0.1",
        "11.22.33.44,192.168.1.1"})
    void refusesAHostWithAnyAddressThatIsNotPublicWithoutFetching(String addresses) {
        resolver.answer("inside.example.com", addresses.split(","));

        UrlProbe probe = engine(1000).probe(List.of(page("https://inside.example.com/cb"))).get(0);

        assertThat(probe.failure()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(probe.detail()).isNotBlank();
        assertThat(probe.addresses()).hasSize(addresses.split(",").length);
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void fetchesOnlyTheAddressesItChecked() {
        resolver.answer("dual.example.com", "11.22.33.44", "2001:4860::8888");
        fetcher.page("https://dual.example.com/", 200);

        engine(1000).probe(List.of(page("https://dual.example.com/")));

        assertThat(fetcher.requests).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("dual.example.com");
            assertThat(r.addresses()).extracting(InetAddress::getHostAddress).containsExactly("11.22.33.44", "2001:4860:0:0:0:0:0:8888");
        });
    }

    @Test
    void answersRateLimitedForAHostBeyondItsBudgetWithoutFetching() {
        resolver.answer("other.example.com", "11.22.33.45");
        List<ProbeTarget> targets = List.of(page("https://app.example.com/1"), page("https://app.example.com/2"),
                page("https://app.example.com/3"), page("https://app.example.com/4"), page("https://other.example.com/"));
        targets.forEach(t -> fetcher.page(t.url(), 200));

        List<UrlProbe> probes = engine(2).probe(targets);

        assertThat(probes.subList(0, 4)).extracting(UrlProbe::failure)
                .containsOnly(null, ProbeOutcome.RATE_LIMITED)
                .filteredOn(f -> f == ProbeOutcome.RATE_LIMITED).hasSize(2);
        assertThat(probes.get(4).httpStatus()).as("another host keeps its own budget").isEqualTo(200);
        assertThat(fetcher.requests).hasSize(3);
    }

    @Test
    void sharesOneBudgetBetweenManyNamesResolvingToOneAddress() {
        List<ProbeTarget> targets = new java.util.ArrayList<>();
        for (int i = 1; i <= 4 * HostLimiter.ADDRESS_SHARE; i++) {
            resolver.answer("name" + i + ".example.net", "11.22.33.99");
            targets.add(page("https://name" + i + ".example.net/"));
        }
        resolver.answer("elsewhere.example.net", "11.22.33.98");
        targets.add(page("https://elsewhere.example.net/"));
        targets.forEach(t -> fetcher.page(t.url(), 200));

        List<UrlProbe> probes = engine(2).probe(targets);

        int names = 4 * HostLimiter.ADDRESS_SHARE;
        int addressBudget = 2 * HostLimiter.ADDRESS_SHARE;
        assertThat(probes.subList(0, names)).extracting(UrlProbe::failure).filteredOn(f -> f == ProbeOutcome.RATE_LIMITED)
                .as("each name within its own budget of two, the one address past its share").hasSize(names - addressBudget);
        assertThat(probes.get(names).httpStatus()).as("another address keeps its own budget").isEqualTo(200);
        assertThat(fetcher.requests).hasSize(addressBudget + 1);
    }

    @Test
    void leavesAFixtureAddressThatOnlyATestRangeAdmitsToTheNamesBudgets() {
        List<ProbeTarget> targets = new java.util.ArrayList<>();
        for (int i = 1; i <= 4 * HostLimiter.ADDRESS_SHARE; i++) {
            resolver.answer("fixture" + i + ".example.net", "127.0.0.21");
            targets.add(page("https://fixture" + i + ".example.net/"));
        }
        targets.forEach(t -> fetcher.page(t.url(), 200));
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, fetcher,
                AddressPolicy.allowing(Cidr.parseList("127.0.0.21/32").value())), LIMITS,
                new HostLimiter(8, 2, Clock.systemUTC()), executor);

        assertThat(engine.probe(targets)).extracting(UrlProbe::failure).containsOnlyNulls();
    }

    @Test
    void reportsFailuresOfResolutionAndFetchingAsTheirOutcomes() {
        resolver.fail("gone.example.com", ProbeOutcome.DNS_ERROR);
        fetcher.fail("https://app.example.com/tls", ProbeOutcome.TLS_ERROR);

        List<UrlProbe> probes = engine(1000).probe(List.of(page("https://gone.example.com/"), page("https://app.example.com/tls"),
                page("not a url")));

        assertThat(probes).extracting(UrlProbe::failure)
                .containsExactly(ProbeOutcome.DNS_ERROR, ProbeOutcome.TLS_ERROR, ProbeOutcome.INVALID_URL);
        assertThat(probes.get(1).addresses()).as("a failed fetch keeps what the name resolved to").containsExactly("11.22.33.44");
        assertThat(resolver.lookups).containsExactlyInAnyOrder("gone.example.com", "app.example.com");
    }

    @ParameterizedTest(name = "{0} targets, {1} in flight: {2} s")
    @CsvSource({
        "0,  64, 23",   // one wave of 2 x 10 s calls and a 2 s resolution, one second to spare
        "1,  64, 45",   // the wave the target fills and one more
        "64, 64, 45",
        "65, 64, 67",   // one target past a full wave starts another
        "3,  1,  89",   // four waves when one probe runs at a time
        "2,  0,  45"})  // no pool size given counts as one probe at a time
    void allowsEveryWaveOfProbesItsWholeBudgetBeforeTheBackstop(int targets, int maxInFlight, long seconds) {
        ProbeLimits limits = new ProbeLimits(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(2), 1024, 4096, 25, maxInFlight, 8, 1000);

        assertThat(UrlProbeEngine.backstopNanos(targets, limits)).isEqualTo(TimeUnit.SECONDS.toNanos(seconds));
    }

    /**
     * A clock the test thread reads from a script (the start, then each collection), while the probe threads read
     * zero: the backstop deadline is placed exactly, without waiting for it.
     */
    private static LongSupplier scriptedOnThisThread(long... readings) {
        Thread test = Thread.currentThread();
        AtomicLong next = new AtomicLong();
        return () -> Thread.currentThread() == test ? readings[(int) Math.min(next.getAndIncrement(), readings.length - 1)] : 0;
    }

    @Test
    void endsAFetchThatNeverAnswersAsATimeoutAtTheBackstopDeadline() throws InterruptedException {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        PageFetcher hangs = request -> {
            fetching.countDown();
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("a latch nobody counts down was released");
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new ProbeFailure(ProbeOutcome.TIMEOUT, "interrupted");
            }
        };
        long deadline = UrlProbeEngine.backstopNanos(1, LIMITS);
        Thread test = Thread.currentThread();
        AtomicLong readings = new AtomicLong();
        // The start reads 0; the collection reads the deadline itself, once the fetch is under way and hanging.
        LongSupplier clock = () -> {
            if (Thread.currentThread() != test) {
                return 0;
            }
            if (readings.getAndIncrement() == 0) {
                return 0;
            }
            try {
                // Generous: the fetch starts at once; ten seconds only bounds a broken engine.
                assertThat(fetching.await(10, TimeUnit.SECONDS)).as("the fetch started").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return deadline;
        };
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, hangs, AddressPolicy.publicOnly()), LIMITS,
                new HostLimiter(8, 1000, Clock.systemUTC()), executor, clock);

        UrlProbe probe = engine.probe(List.of(page("https://app.example.com/hangs"))).get(0);

        assertThat(probe.failure()).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(probe.detail()).isEqualTo("no answer in time");
        assertThat(probe.elapsedMillis()).as("reported as the call timeout it overran").isEqualTo(LIMITS.callTimeout().toMillis());
        // Generous: the cancel interrupts the fetch at once; ten seconds only bounds a broken cancel.
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the hung fetch was interrupted").isTrue();
    }

    @Test
    void keepsAnAnswerThatArrivesBeforeTheBackstopDeadline() {
        fetcher.page("https://app.example.com/", 200);
        long deadline = UrlProbeEngine.backstopNanos(1, LIMITS);
        // The collection starts ten seconds before the deadline: the answer, a moment away, is waited for.
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()), LIMITS,
                new HostLimiter(8, 1000, Clock.systemUTC()), executor,
                scriptedOnThisThread(0, deadline - TimeUnit.SECONDS.toNanos(10)));

        assertThat(engine.probe(List.of(page("https://app.example.com/"))).get(0).httpStatus()).isEqualTo(200);
    }

    @Test
    void reportsAFetchThatThrowsUnexpectedlyAsAConnectError() {
        PageFetcher broken = request -> {
            throw new IllegalStateException("a fetcher bug");
        };
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, broken, AddressPolicy.publicOnly()), LIMITS,
                new HostLimiter(8, 1000, Clock.systemUTC()), executor);

        UrlProbe probe = engine.probe(List.of(page("https://app.example.com/"))).get(0);

        assertThat(probe.failure()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
        assertThat(probe.detail()).isEqualTo("the probe failed");
    }

    @Test
    void endsAsATimeoutWhenTheCallerIsInterruptedAndKeepsTheInterrupt() {
        CountDownLatch never = new CountDownLatch(1);
        PageFetcher hangs = request -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ProbeFailure(ProbeOutcome.TIMEOUT, "interrupted");
        };
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, hangs, AddressPolicy.publicOnly()), LIMITS,
                new HostLimiter(8, 1000, Clock.systemUTC()), executor);

        Thread.currentThread().interrupt();
        UrlProbe probe = engine.probe(List.of(page("https://app.example.com/"))).get(0);

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(probe.failure()).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(probe.detail()).isEqualTo("interrupted");
    }

    @Test
    void waitsForTheAddressesOnlyWhatIsLeftOfTheCallTimeoutAndReportsTheTimeTaken() throws Exception {
        ProbeLimits limits = new ProbeLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 1024, 4096, 25, POOL, 8, 1000);
        fetcher.page("https://app.example.com/", 200);
        HostLimiter limiter = new HostLimiter(1, 1000, Clock.systemUTC());
        InetAddress address = InetAddress.getByName("11.22.33.44");
        List<HostLimiter.Permit> busy = new java.util.ArrayList<>();
        for (int i = 0; i < HostLimiter.ADDRESS_SHARE; i++) {
            busy.add(limiter.acquire(List.of(address), 0));
        }
        // The address's permits come back 2 s later: well within the 10 s call timeout, but after the clock below
        // says it is used up, so a probe that waited longer than what is left would get them and fetch.
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            busy.forEach(HostLimiter.Permit::close);
        });
        long second = TimeUnit.SECONDS.toNanos(1);
        AtomicLong probeReadings = new AtomicLong();
        Thread test = Thread.currentThread();
        // The probe starts at 1 s and every later reading finds the whole call timeout spent.
        LongSupplier clock = () -> Thread.currentThread() == test ? 0
                : probeReadings.getAndIncrement() == 0 ? second : second + limits.callTimeout().toNanos();
        UrlProbeEngine engine = new UrlProbeEngine(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()), limits,
                limiter, executor, clock);
        releaser.start();

        UrlProbe probe = engine.probe(List.of(page("https://app.example.com/"))).get(0);
        releaser.join();

        assertThat(probe.failure()).as("no time left to wait for the address").isEqualTo(ProbeOutcome.RATE_LIMITED);
        assertThat(probe.elapsedMillis()).isEqualTo(limits.callTimeout().toMillis());
        assertThat(fetcher.requests).isEmpty();
    }
}
