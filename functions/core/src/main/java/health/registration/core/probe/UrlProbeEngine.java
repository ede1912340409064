package health.registration.core.probe;

import health.registration.core.model.WebUrl;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Probes URLs concurrently (policy section 5): for each target, takes a permit for its host name, resolves the
 * host, refuses it unless every address is allowed, takes a permit for those addresses, and makes one GET pinned to
 * them, without following redirects. Judges nothing: {@link ProbePlan} turns what it finds into a registration's report.
 */
public final class UrlProbeEngine {

    private final ProbeNetwork network;
    private final ProbeLimits limits;
    private final HostLimiter hostLimiter;
    private final ExecutorService executor;
    private final LongSupplier nanoTime;

    /**
     * @param executor runs the probes; its size bounds the probes in flight in this process
     */
    public UrlProbeEngine(ProbeNetwork network, ProbeLimits limits, HostLimiter hostLimiter, ExecutorService executor) {
        this(network, limits, hostLimiter, executor, System::nanoTime);
    }

    /** As above, reading time from {@code nanoTime}, so tests can put the backstop deadline where they need it. */
    UrlProbeEngine(ProbeNetwork network, ProbeLimits limits, HostLimiter hostLimiter, ExecutorService executor,
                   LongSupplier nanoTime) {
        this.network = network;
        this.limits = limits;
        this.hostLimiter = hostLimiter;
        this.executor = executor;
        this.nanoTime = nanoTime;
    }

    /** One probe per target, in the targets' order. Targets that are not absolute URLs fail as invalid. */
    public List<UrlProbe> probe(List<ProbeTarget> targets) {
        long start = nanoTime.getAsLong();
        List<Future<UrlProbe>> running = new ArrayList<>(targets.size());
        for (ProbeTarget target : targets) {
            running.add(executor.submit(() -> attempt(target)));
        }
        long deadline = start + backstopNanos(targets.size(), limits);
        List<UrlProbe> probes = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            probes.add(collect(targets.get(i), running.get(i), deadline));
        }
        return probes;
    }

    /**
     * How long a batch of probes may take in all. Each probe bounds itself (host permit wait, resolution, call
     * timeout); this deadline only guards against a probe that does not, allowing every wave of probes the executor
     * runs its whole budget (two call timeouts, for the permits and the fetch, and one resolution), one wave more
     * than the targets fill, and a second to spare.
     */
    static long backstopNanos(int targets, ProbeLimits limits) {
        long waves = (targets + limits.maxInFlight() - 1) / Math.max(1, limits.maxInFlight()) + 1;
        return waves * (2 * limits.callTimeout().toNanos() + limits.resolveTimeout().toNanos())
                + TimeUnit.SECONDS.toNanos(1);
    }

    private UrlProbe collect(ProbeTarget target, Future<UrlProbe> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return UrlProbe.failed(target, ProbeOutcome.TIMEOUT, "no answer in time", List.of(), limits.callTimeout().toMillis());
        } catch (ExecutionException e) {
            return UrlProbe.failed(target, ProbeOutcome.CONNECT_ERROR, "the probe failed", List.of(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return UrlProbe.failed(target, ProbeOutcome.TIMEOUT, "interrupted", List.of(), 0);
        }
    }

    /** One GET, with the logo's Accept header and body cap when the target is an image. */
    private UrlProbe attempt(ProbeTarget target) throws InterruptedException {
        long start = nanoTime.getAsLong();
        Optional<WebUrl> parsed = WebUrl.parse(target.url()).toOptional();
        if (parsed.isEmpty()) {
            return UrlProbe.failed(target, ProbeOutcome.INVALID_URL, null, List.of(), 0);
        }
        WebUrl url = parsed.get();
        try (HostLimiter.Permit permit = hostLimiter.acquire(url.host(), limits.callTimeout().toMillis())) {
            if (permit == null) {
                return UrlProbe.failed(target, ProbeOutcome.RATE_LIMITED, null, List.of(), millisSince(start));
            }
            List<InetAddress> addresses;
            try {
                addresses = network.resolver().resolve(url.host());
            } catch (ProbeFailure failure) {
                return UrlProbe.failed(target, failure.outcome(), failure.getMessage(), List.of(), millisSince(start));
            }
            return fetch(target, url, addresses, start);
        }
    }

    /** Fetches a resolved URL unless any of its addresses is refused; failures keep the addresses for the report. */
    private UrlProbe fetch(ProbeTarget target, WebUrl url, List<InetAddress> addresses, long start) {
        List<String> resolved = addresses.stream().map(InetAddress::getHostAddress).toList();
        Optional<String> refusal = addresses.stream().map(network.addressPolicy()::refusal).flatMap(Optional::stream).findFirst();
        if (refusal.isPresent()) {
            return UrlProbe.failed(target, ProbeOutcome.NOT_PUBLIC, refusal.get(), resolved, millisSince(start));
        }
        boolean image = target.purpose() == FetchPurpose.IMAGE;
        FetchRequest request = new FetchRequest(target.url(), url.host(), addresses, target.purpose(),
                image ? limits.maxLogoBytes() : limits.maxPageBytes());
        // The name's budget is not enough: many names may resolve to one victim, whose addresses share a budget.
        List<InetAddress> counted = addresses.stream().filter(a -> !network.addressPolicy().exempted(a)).toList();
        // Waiting for the name's and the addresses' permits together takes at most one call timeout, as the engine's
        // deadline allows for.
        long waitMillis = Math.max(0, limits.callTimeout().toMillis() - millisSince(start));
        try (HostLimiter.Permit permit = hostLimiter.acquire(counted, waitMillis)) {
            if (permit == null) {
                return UrlProbe.failed(target, ProbeOutcome.RATE_LIMITED, "the address was probed too often lately",
                        resolved, millisSince(start));
            }
            FetchedPage page = network.fetcher().fetch(request);
            return UrlProbe.answered(target, page, limits.maxLogoBytes(), resolved, millisSince(start));
        } catch (ProbeFailure failure) {
            return UrlProbe.failed(target, failure.outcome(), failure.getMessage(), resolved, millisSince(start));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return UrlProbe.failed(target, ProbeOutcome.TIMEOUT, "interrupted", resolved, millisSince(start));
        }
    }

    private long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - startNanos);
    }
}
