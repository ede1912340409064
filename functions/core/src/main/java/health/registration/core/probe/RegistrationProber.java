package health.registration.core.probe;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.Violation;
import health.registration.core.port.UrlProber;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The probing engine (policy section 5): probes, concurrently, every distinct URL of a registration that passes the
 * URL rules, once even when several members name it; resolves its host, refuses it unless every address is allowed,
 * fetches it pinned to those addresses, and judges the answer for each member that names it.
 */
public final class RegistrationProber implements UrlProber {

    private static final Policy URL_RULES = Policies.openUrlRules();

    private final ProbeNetwork network;
    private final ProbeSettings settings;
    private final HostLimiter hostLimiter;
    private final ExecutorService executor;

    /**
     * @param executor runs the probes; its size bounds the probes in flight in this process
     */
    public RegistrationProber(ProbeNetwork network, ProbeSettings settings, HostLimiter hostLimiter, ExecutorService executor) {
        this.network = network;
        this.settings = settings;
        this.hostLimiter = hostLimiter;
        this.executor = executor;
    }

    @Override
    public ProbeReport probe(ClientMetadata metadata) {
        Set<String> refused = URL_RULES.evaluate(metadata, settings.policyContext()).errors().stream()
                .map(Violation::field).collect(Collectors.toSet());
        Map<String, List<UrlMember>> byUrl = new LinkedHashMap<>();
        // Language-tagged variants come last, so that the limit never leaves a required member unprobed.
        List<UrlMember> untaggedFirst = metadata.urls().stream()
                .sorted(Comparator.comparing(member -> member.pointer().contains("#"))).toList();
        for (UrlMember member : untaggedFirst) {
            if (!refused.contains(member.pointer())) {
                byUrl.computeIfAbsent(member.text(), url -> new ArrayList<>()).add(member);
            }
        }
        Map<String, Future<ProbeAttempt>> running = new LinkedHashMap<>();
        byUrl.forEach((url, members) -> {
            if (running.size() < settings.limits().maxUrlsPerRegistration()) {
                running.put(url, executor.submit(() -> attempt(members)));
            }
        });
        Map<String, ProbeAttempt> attempts = collect(running);
        List<ProbeResult> results = new ArrayList<>();
        for (UrlMember member : metadata.urls()) {
            ProbeAttempt attempt = refused.contains(member.pointer()) ? ProbeAttempt.failed(ProbeOutcome.INVALID_URL, "", List.of(), 0)
                    : attempts.getOrDefault(member.text(), ProbeAttempt.failed(ProbeOutcome.TOO_MANY_URLS, "", List.of(), 0));
            results.add(judge(member, attempt));
        }
        return new ProbeReport(results);
    }

    private Map<String, ProbeAttempt> collect(Map<String, Future<ProbeAttempt>> running) {
        ProbeLimits limits = settings.limits();
        long deadline = System.nanoTime() + 2 * limits.callTimeout().toNanos() + limits.resolveTimeout().toNanos()
                + TimeUnit.SECONDS.toNanos(1);
        Map<String, ProbeAttempt> attempts = new LinkedHashMap<>();
        running.forEach((url, future) -> {
            try {
                attempts.put(url, future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                attempts.put(url, ProbeAttempt.failed(ProbeOutcome.TIMEOUT, "no answer in time", List.of(), limits.callTimeout().toMillis()));
            } catch (ExecutionException e) {
                attempts.put(url, ProbeAttempt.failed(ProbeOutcome.CONNECT_ERROR, "the probe failed", List.of(), 0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(true);
                attempts.put(url, ProbeAttempt.failed(ProbeOutcome.TIMEOUT, "interrupted", List.of(), 0));
            }
        });
        return attempts;
    }

    /** One GET for a URL, with the largest body cap and the logo's Accept header when any member is a logo. */
    private ProbeAttempt attempt(List<UrlMember> members) throws InterruptedException {
        long start = System.nanoTime();
        WebUrl url = members.get(0).url().orElseThrow();
        try (HostLimiter.Permit permit = hostLimiter.acquire(url.host(), settings.limits().callTimeout().toMillis())) {
            if (permit == null) {
                return ProbeAttempt.failed(ProbeOutcome.RATE_LIMITED, "", List.of(), millisSince(start));
            }
            List<InetAddress> addresses;
            try {
                addresses = network.resolver().resolve(url.host());
            } catch (ProbeFailure failure) {
                return ProbeAttempt.failed(failure.outcome(), failure.getMessage(), List.of(), millisSince(start));
            }
            return fetch(members, url, addresses, start);
        }
    }

    /** Fetches a resolved URL unless any of its addresses is refused; failures keep the addresses for the report. */
    private ProbeAttempt fetch(List<UrlMember> members, WebUrl url, List<InetAddress> addresses, long start) {
        List<String> resolved = addresses.stream().map(InetAddress::getHostAddress).toList();
        Optional<String> refusal = addresses.stream().map(network.addressPolicy()::refusal).flatMap(Optional::stream).findFirst();
        if (refusal.isPresent()) {
            return ProbeAttempt.failed(ProbeOutcome.NOT_PUBLIC, refusal.get(), resolved, millisSince(start));
        }
        ProbeLimits limits = settings.limits();
        boolean logo = members.stream().anyMatch(m -> m.field() == UrlField.LOGO_URI);
        FetchRequest request = new FetchRequest(members.get(0).text(), url.host(), addresses,
                logo ? FetchPurpose.IMAGE : FetchPurpose.PAGE, logo ? limits.maxLogoBytes() : limits.maxPageBytes());
        try {
            return new ProbeAttempt(resolved, network.fetcher().fetch(request), null, null, millisSince(start));
        } catch (ProbeFailure failure) {
            return ProbeAttempt.failed(failure.outcome(), failure.getMessage(), resolved, millisSince(start));
        }
    }

    private ProbeResult judge(UrlMember member, ProbeAttempt attempt) {
        ProbeLimits limits = settings.limits();
        FetchedPage page = attempt.page();
        ProbeOutcome outcome = page == null ? attempt.failure()
                : HostingRequirements.outcomeOf(member.field(), page, limits.maxLogoBytes());
        Integer status = page == null ? null : page.status();
        String location = outcome == ProbeOutcome.REDIRECT ? ProbeDescriptions.sanitizeLocation(page.location()) : null;
        String description = ProbeDescriptions.describe(member, outcome, status, location, attempt.detail(), limits);
        return new ProbeResult(member.field(), member.pointer(), member.text(), outcome, status, location,
                attempt.addresses(), attempt.elapsedMillis(), verdict(member.field(), outcome), description);
    }

    private ProbeVerdict verdict(UrlField field, ProbeOutcome outcome) {
        if (outcome == ProbeOutcome.OK) {
            return ProbeVerdict.PASS;
        }
        boolean terms = field == UrlField.TOS_URI || field == UrlField.POLICY_URI;
        return terms && !settings.termsFailuresAreErrors() ? ProbeVerdict.WARNING : ProbeVerdict.FAIL;
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** What one GET gave: an answer, or the outcome that ended it. */
    private record ProbeAttempt(List<String> addresses, FetchedPage page, ProbeOutcome failure, String detail,
                                long elapsedMillis) {

        static ProbeAttempt failed(ProbeOutcome outcome, String detail, List<String> addresses, long elapsedMillis) {
            return new ProbeAttempt(addresses, null, outcome, detail, elapsedMillis);
        }
    }
}
