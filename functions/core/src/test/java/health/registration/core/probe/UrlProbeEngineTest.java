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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
