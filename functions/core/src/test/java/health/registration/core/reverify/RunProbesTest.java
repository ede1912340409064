package health.registration.core.reverify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.WebUrl;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.MutableClock;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.HostLimiter;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunProbesTest {

    private static final Instant START = Instant.parse("2026-03-10T03:00:30Z");
    private static final int LANES = 4;

    private final MutableClock clock = MutableClock.at(START);
    private final ExecutorService lanes = Executors.newFixedThreadPool(LANES);
    private final InMemoryUrlProber prober = new InMemoryUrlProber();

    @AfterEach
    void stop() {
        lanes.shutdownNow();
    }

    private static ReverificationSettings settings(int probeChunk, int maxPerHostPerMinute) {
        return new ReverificationSettings(Duration.ofHours(24), Duration.ZERO, Duration.ofHours(6), Duration.ofHours(1), 3,
                Duration.ofHours(72), 500, 10_000, 1_000, probeChunk, LANES, maxPerHostPerMinute);
    }

    /** A run whose deadline is far enough away that lanes may wait for a host's budget to reopen. */
    private RunProbes run(UrlProber through, int probeChunk, int maxPerHostPerMinute) {
        return new RunProbes(through, null, settings(probeChunk, maxPerHostPerMinute), lanes, clock, START.plus(Duration.ofMinutes(10)));
    }

    /** A run too close to its deadline to wait for anything. */
    private RunProbes runEndingSoon(UrlProber through, int maxPerHostPerMinute) {
        return new RunProbes(through, null, settings(200, maxPerHostPerMinute), lanes, clock, START.plusMillis(500));
    }

    private static ProbeTarget page(String url) {
        return new ProbeTarget(url, FetchPurpose.PAGE);
    }

    private static ProbeTarget image(String url) {
        return new ProbeTarget(url, FetchPurpose.IMAGE);
    }

    private static List<ProbeTarget> pages(String host, int count) {
        return IntStream.range(0, count).mapToObj(i -> page("https://" + host + "/p" + i)).toList();
    }

    private List<String> probedUrls() {
        return prober.probedTargets().stream().map(ProbeTarget::url).toList();
    }

    @Test
    void probesEachDistinctUrlOncePerRunHoweverManyClientsNameIt() {
        RunProbes probes = run(prober, 200, 120);
        ProbeTarget a = page("https://a.example.com/"), b = page("https://b.example.com/"), c = page("https://c.example.com/"),
                d = page("https://a.example.com/d");

        Map<String, UrlProbe> first = probes.probe(List.of(a, b, c, b));
        Map<String, UrlProbe> second = probes.probe(List.of(b, c, d));

        assertThat(probedUrls()).containsExactlyInAnyOrder(a.url(), b.url(), c.url(), d.url());
        assertThat(first).containsOnlyKeys(a.url(), b.url(), c.url());
        assertThat(second).containsOnlyKeys(b.url(), c.url(), d.url());
        assertThat(second.get(b.url())).isSameAs(first.get(b.url()));
        assertThat(probes.probesMade()).isEqualTo(4);
        assertThat(probes.notProbed()).isZero();
    }

    @Test
    void probesAgainAsAnImageAUrlFirstProbedAsAPage() {
        RunProbes probes = run(prober, 200, 120);
        String url = "https://a.example.com/logo.png";

        probes.probe(List.of(page(url)));
        Map<String, UrlProbe> asImage = probes.probe(List.of(image(url)));
        Map<String, UrlProbe> asPageAgain = probes.probe(List.of(page(url)));

        assertThat(prober.probedTargets()).containsExactly(page(url), image(url));
        assertThat(asImage.get(url).target()).isEqualTo(image(url));
        assertThat(asPageAgain.get(url).target()).as("an image probe answers for a page too").isEqualTo(image(url));
    }

    @Test
    void probesAUrlNeededAsPageAndImageInOneCallOnceAsAnImage() {
        String url = "https://a.example.com/logo.png";

        Map<String, UrlProbe> answer = run(prober, 200, 120).probe(List.of(page(url), image(url), page(url)));

        assertThat(prober.probedTargets()).containsExactly(image(url));
        assertThat(answer.get(url).target().purpose()).isEqualTo(FetchPurpose.IMAGE);
    }

    @ParameterizedTest(name = "{0} URLs on {1} hosts in chunks of {2}")
    @CsvSource({
        "10, 1, 3",
        "25, 5, 4",
        "7,  7, 1",
        "12, 2, 200",
    })
    void neverSendsMoreThanAChunkInOneCall(int urls, int hosts, int chunk) {
        RecordingProber recording = new RecordingProber(prober, 1);
        List<ProbeTarget> targets = IntStream.range(0, urls).mapToObj(i -> page("https://h" + (i % hosts) + ".example.com/" + i)).toList();

        Map<String, UrlProbe> answer = run(recording, chunk, 1000).probe(targets);

        assertThat(recording.calls).allSatisfy(call -> assertThat(call).hasSizeBetween(1, chunk));
        assertThat(recording.calls.stream().flatMap(List::stream).map(ProbeTarget::url))
                .containsExactlyInAnyOrderElementsOf(targets.stream().map(ProbeTarget::url).toList());
        assertThat(answer).hasSize(urls);
    }

    @Test
    void neverProbesAHostFromTwoCallsAtOnce() {
        RecordingProber recording = new RecordingProber(prober, 2);
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            for (int h = 0; h < 12; h++) {
                targets.add(page("https://host" + h + ".example.com/" + i));
            }
        }

        Map<String, UrlProbe> answer = run(recording, 2, 1000).probe(targets);

        assertThat(answer).hasSize(targets.size());
        assertThat(recording.peakCalls.get()).as("calls did overlap, so the test could catch a shared host").isGreaterThanOrEqualTo(2);
        assertThat(recording.overlapTimeouts.get()).as("the first two calls met, so they ran at once").isZero();
        assertThat(recording.hostsProbedTwiceAtOnce).isEmpty();
        recording.threadsByHost.forEach((host, threads) ->
                assertThat(threads).as("every call naming %s came from one lane", host).hasSize(1));
    }

    @Test
    void leavesTheExcessOfAHostsBudgetUnprobedWhenTheDeadlineLeavesNoTimeToWait() {
        RunProbes probes = runEndingSoon(prober, 3);
        List<ProbeTarget> busy = pages("busy.example.com", 5);
        List<ProbeTarget> quiet = pages("quiet.example.com", 2);
        List<ProbeTarget> all = new ArrayList<>(busy);
        all.addAll(quiet);

        Map<String, UrlProbe> answer = probes.probe(all);

        assertThat(answer.keySet()).containsAll(quiet.stream().map(ProbeTarget::url).toList());
        assertThat(answer.keySet()).filteredOn(url -> url.contains("busy")).hasSize(3);
        assertThat(probedUrls()).filteredOn(url -> url.contains("busy")).hasSize(3);
        assertThat(probes.notProbed()).isEqualTo(2);
        assertThat(probes.probesMade()).isEqualTo(5);
    }

    @Test
    void sharesAHostsBudgetAcrossTheCallsOfOneRun() {
        RunProbes probes = runEndingSoon(prober, 3);

        probes.probe(pages("busy.example.com", 3));
        Map<String, UrlProbe> later = probes.probe(List.of(page("https://busy.example.com/more"), page("https://quiet.example.com/")));

        assertThat(later).containsOnlyKeys("https://quiet.example.com/");
        assertThat(probedUrls()).doesNotContain("https://busy.example.com/more");
    }

    @Test
    void sharesOneBudgetBetweenManyNamesResolvingToOneAddress() {
        int names = 5 * HostLimiter.ADDRESS_SHARE;
        NameResolver oneVictim = host -> {
            if (host.startsWith("unresolved")) {
                throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "does not resolve");
            }
            return List.of(InetAddresses.forString(host.startsWith("victim") ? "198.51.100.7" : "198.51.100.8"));
        };
        RunProbes probes = new RunProbes(prober, oneVictim, settings(200, 3), lanes, clock, START.plusMillis(500));
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            targets.add(page("https://victim" + i + ".example.net/"));
        }
        targets.add(page("https://elsewhere.example.net/"));
        targets.add(page("https://unresolved.example.net/"));

        Map<String, UrlProbe> answer = probes.probe(targets);

        assertThat(answer.keySet()).filteredOn(url -> url.contains("victim")).as("the address's share of a name's budget")
                .hasSize(3 * HostLimiter.ADDRESS_SHARE);
        assertThat(answer).containsKeys("https://elsewhere.example.net/", "https://unresolved.example.net/");
        assertThat(probes.notProbed()).isEqualTo(names - 3L * HostLimiter.ADDRESS_SHARE);
    }

    @Test
    void givesUpWaitingForABudgetWhenTheClockStandsStill() {
        RunProbes probes = run(prober, 200, 2);

        Map<String, UrlProbe> answer = probes.probe(pages("busy.example.com", 4));

        assertThat(answer).hasSize(2);
        assertThat(probes.notProbed()).isEqualTo(2);
    }

    @Test
    void leavesUrlsUnprobedWhenTheProberDoesNotAnswerAndAsksAgainLater() {
        AtomicBoolean down = new AtomicBoolean(true);
        UrlProber flaky = new DelegatingProber(prober) {
            @Override
            public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
                if (down.get()) {
                    throw new StoreUnavailable("the probe function did not answer (injected)", null);
                }
                return super.probeUrls(targets);
            }
        };
        RunProbes probes = run(flaky, 200, 120);
        List<ProbeTarget> targets = List.of(page("https://a.example.com/"), page("https://b.example.com/"));

        Map<String, UrlProbe> whileDown = probes.probe(targets);
        down.set(false);
        Map<String, UrlProbe> afterwards = probes.probe(targets);

        assertThat(whileDown).isEmpty();
        assertThat(afterwards).containsOnlyKeys("https://a.example.com/", "https://b.example.com/");
        assertThat(probes.notProbed()).isEqualTo(2);
        assertThat(probes.probesMade()).isEqualTo(2);
    }

    @Test
    void neverKeepsARateLimitedAnswer() {
        RunProbes probes = run(prober, 200, 120);
        String limited = "https://limited.example.com/";
        prober.failing(limited, ProbeOutcome.RATE_LIMITED);

        Map<String, UrlProbe> first = probes.probe(List.of(page(limited), page("https://a.example.com/")));
        prober.passingAll();
        Map<String, UrlProbe> second = probes.probe(List.of(page(limited)));

        assertThat(first).containsOnlyKeys("https://a.example.com/");
        assertThat(second.get(limited).httpStatus()).isEqualTo(200);
        assertThat(probedUrls()).filteredOn(limited::equals).hasSize(2);
    }

    @Test
    void keepsAHardFailureForTheWholeRun() {
        RunProbes probes = run(prober, 200, 120);
        String gone = "https://a.example.com/gone";
        prober.failing(gone, ProbeOutcome.NOT_FOUND);

        probes.probe(List.of(page(gone)));
        Map<String, UrlProbe> again = probes.probe(List.of(page(gone)));

        assertThat(again.get(gone).failure()).isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(probedUrls()).containsExactly(gone);
    }

    @Test
    void sendsNothingOnceTheDeadlineHasPassed() {
        RunProbes probes = new RunProbes(prober, null, settings(200, 120), lanes, clock, START);

        Map<String, UrlProbe> answer = probes.probe(pages("a.example.com", 3));

        assertThat(answer).isEmpty();
        assertThat(prober.probedTargets()).isEmpty();
        assertThat(probes.notProbed()).isEqualTo(3);
    }

    @Test
    void answersOnlyForTheUrlsAsked() {
        RunProbes probes = run(prober, 200, 120);
        probes.probe(List.of(page("https://a.example.com/")));

        Map<String, UrlProbe> answer = probes.probe(List.of(page("https://b.example.com/")));

        assertThat(answer).containsOnlyKeys("https://b.example.com/");
    }

    /** Passes calls on to another prober. */
    private static class DelegatingProber implements UrlProber {

        private final UrlProber delegate;

        DelegatingProber(UrlProber delegate) {
            this.delegate = delegate;
        }

        @Override
        public ProbeReport probe(ClientMetadata metadata) {
            return delegate.probe(metadata);
        }

        @Override
        public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
            return delegate.probeUrls(targets);
        }
    }

    /**
     * Records every call, which hosts were in calls running at the same time, and which thread named each host. The
     * first calls wait (briefly) until {@code overlap} of them are in flight, so that lanes really run side by side.
     */
    private static final class RecordingProber extends DelegatingProber {

        final List<List<ProbeTarget>> calls = new CopyOnWriteArrayList<>();
        final Set<String> hostsProbedTwiceAtOnce = ConcurrentHashMap.newKeySet();
        final Map<String, Set<String>> threadsByHost = new ConcurrentHashMap<>();
        final AtomicInteger peakCalls = new AtomicInteger();
        /** Calls that gave up waiting for the others to overlap them: a test that needs overlap asserts none. */
        final AtomicInteger overlapTimeouts = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Map<String, AtomicInteger> callsByHost = new ConcurrentHashMap<>();
        private final CountDownLatch overlap;

        RecordingProber(UrlProber delegate, int overlap) {
            super(delegate);
            this.overlap = new CountDownLatch(overlap);
        }

        @Override
        public List<UrlProbe> probeUrls(List<ProbeTarget> targets) {
            calls.add(List.copyOf(targets));
            Set<String> hosts = new HashSet<>();
            targets.forEach(t -> hosts.add(WebUrl.parse(t.url()).toOptional().orElseThrow().host()));
            peakCalls.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            for (String host : hosts) {
                threadsByHost.computeIfAbsent(host, h -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
                if (callsByHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet() > 1) {
                    hostsProbedTwiceAtOnce.add(host);
                }
            }
            try {
                overlap.countDown();
                if (!overlap.await(5, TimeUnit.SECONDS)) {
                    overlapTimeouts.incrementAndGet();
                }
                return super.probeUrls(targets);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                hosts.forEach(host -> callsByHost.get(host).decrementAndGet());
                inFlight.decrementAndGet();
            }
        }
    }
}
