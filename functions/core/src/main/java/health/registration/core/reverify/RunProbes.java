package health.registration.core.reverify;

import health.registration.core.model.WebUrl;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.HostLimiter;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbe;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The probes of one re-verification run: each distinct URL is probed once per run, however many clients name it
 * (an image probe also answers for the URL as a page). URLs go to the prober in chunks through a fixed number of
 * lanes; a host's URLs all take the same lane, so no host is probed by two calls at once, and the run starts at most
 * so many probes a minute against one host (its name, and each address it resolves to here, so that many names of one
 * victim's address share a budget), whichever probe function instance makes them. URLs left unprobed (the
 * host's budget stayed spent until the deadline, the prober rate-limited them or did not answer) are absent from the
 * answer, and their clients are checked later.
 */
final class RunProbes {

    private static final long WAIT_FOR_BUDGET_MILLIS = 1_000;

    private final UrlProber prober;
    private final NameResolver resolver;
    private final Map<String, List<InetAddress>> addressesByHost = new ConcurrentHashMap<>();
    private final ReverificationSettings settings;
    private final ExecutorService lanes;
    private final Clock clock;
    private final Instant deadline;
    private final HostLimiter hostBudget;
    private final Map<String, UrlProbe> known = new ConcurrentHashMap<>();
    private final AtomicLong probesMade = new AtomicLong();
    private final AtomicLong notProbed = new AtomicLong();

    /**
     * @param resolver resolves each host once per run for its address budget; null to count names only
     * @param lanes    runs the lanes; needs at least {@link ReverificationSettings#probeLanes()} threads
     * @param deadline after which no chunk is sent
     */
    RunProbes(UrlProber prober, NameResolver resolver, ReverificationSettings settings, ExecutorService lanes, Clock clock,
              Instant deadline) {
        this.prober = prober;
        this.resolver = resolver;
        this.settings = settings;
        this.lanes = lanes;
        this.clock = clock;
        this.deadline = deadline;
        this.hostBudget = new HostLimiter(Integer.MAX_VALUE, settings.maxPerHostPerMinute(), clock);
    }

    /** What the run knows of each target's URL after probing those it had not yet probed; unprobed URLs are absent. */
    Map<String, UrlProbe> probe(Collection<ProbeTarget> targets) {
        Map<String, ProbeTarget> needed = new LinkedHashMap<>();
        for (ProbeTarget target : targets) {
            UrlProbe kept = known.get(target.url());
            if (kept == null || !kept.target().serves(target.purpose())) {
                needed.merge(target.url(), target, (a, b) -> a.purpose() == FetchPurpose.IMAGE ? a : b);
            }
        }
        List<Deque<ProbeTarget>> byLane = Stream.<Deque<ProbeTarget>>generate(ArrayDeque::new)
                .limit(settings.probeLanes()).toList();
        needed.values().forEach(t -> byLane.get(Math.floorMod(host(t).hashCode(), settings.probeLanes())).add(t));
        List<Future<?>> running = new ArrayList<>();
        for (Deque<ProbeTarget> lane : byLane) {
            if (!lane.isEmpty()) {
                running.add(lanes.submit(() -> runLane(lane)));
            }
        }
        RunningWork.awaitAll(running, "probing");
        Map<String, UrlProbe> answer = new HashMap<>();
        targets.forEach(t -> {
            UrlProbe probe = known.get(t.url());
            if (probe != null) {
                answer.put(t.url(), probe);
            }
        });
        return answer;
    }

    /** Sends the lane's URLs in chunks, each URL once its host has budget, until done or the deadline passes. */
    private void runLane(Deque<ProbeTarget> waiting) {
        try {
            while (!waiting.isEmpty() && clock.instant().isBefore(deadline)) {
                List<ProbeTarget> chunk = new ArrayList<>();
                Deque<ProbeTarget> held = new ArrayDeque<>();
                while (!waiting.isEmpty()) {
                    ProbeTarget target = waiting.poll();
                    if (chunk.size() < settings.probeChunk() && withinBudget(target)) {
                        chunk.add(target);
                    } else {
                        held.add(target);
                    }
                }
                waiting.addAll(held);
                if (chunk.isEmpty()) {
                    Instant before = clock.instant();
                    if (!before.plusMillis(WAIT_FOR_BUDGET_MILLIS).isBefore(deadline)) {
                        break;
                    }
                    Thread.sleep(WAIT_FOR_BUDGET_MILLIS);
                    if (!clock.instant().isAfter(before)) {
                        break; // a stopped clock (tests) never reopens a host's budget
                    }
                } else {
                    send(chunk);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notProbed.addAndGet(waiting.size());
    }

    private boolean withinBudget(ProbeTarget target) throws InterruptedException {
        String host = host(target);
        try (HostLimiter.Permit permit = hostBudget.acquire(host, addresses(host), 0)) {
            return permit != null;
        }
    }

    /**
     * The host's addresses, resolved once per run; none when there is no resolver or the name does not resolve (the
     * prober reports that itself). The prober resolves again and connects only to what it checked, so these serve the
     * budget alone.
     */
    private List<InetAddress> addresses(String host) {
        if (resolver == null || host.isEmpty()) {
            return List.of();
        }
        return addressesByHost.computeIfAbsent(host, name -> {
            try {
                return resolver.resolve(name);
            } catch (ProbeFailure unresolved) {
                return List.of();
            }
        });
    }

    private void send(List<ProbeTarget> chunk) {
        List<UrlProbe> probes;
        try {
            probes = prober.probeUrls(chunk);
        } catch (StoreUnavailable proberDidNotAnswer) {
            notProbed.addAndGet(chunk.size());
            return;
        }
        for (UrlProbe probe : probes) {
            if (probe.failure() == ProbeOutcome.RATE_LIMITED) {
                notProbed.incrementAndGet();
            } else {
                probesMade.incrementAndGet();
                known.merge(probe.url(), probe, (kept, fresh) -> fresh.target().serves(kept.target().purpose()) ? fresh : kept);
            }
        }
    }

    private static String host(ProbeTarget target) {
        return WebUrl.parse(target.url()).toOptional().map(url -> url.host().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** Probes made this run (each one GET attempt, or a refusal before connecting). */
    long probesMade() {
        return probesMade.get();
    }

    /** URL probes the run asked for but could not have made. */
    long notProbed() {
        return notProbed.get();
    }
}
