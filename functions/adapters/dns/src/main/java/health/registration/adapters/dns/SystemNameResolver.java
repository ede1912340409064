package health.registration.adapters.dns;

import com.google.common.net.InetAddresses;
import health.registration.core.model.IpLiteral;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link NameResolver} of the deployed prober: the {@link HostsFile} first (the {@code PROBE_HOSTS_FILE} test
 * seam, empty in production), then the JDK's {@code InetAddress.getAllByName}, bounded by the resolve time limit.
 * IP literals are refused, never looked up.
 */
public final class SystemNameResolver implements NameResolver {

    /** The lookup delegate: the JDK in production, a fake in tests (which must never query real DNS). */
    @FunctionalInterface
    public interface AddressLookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    // getAllByName cannot be interrupted and has no timeout of its own (docs/security.md, "DNS rebinding and pinned
    // addresses"), so lookups run on a few daemon threads and the caller stops waiting at the limit. A stuck lookup
    // holds one thread until the OS resolver gives up; the bounds keep stuck lookups from piling up threads.
    private static final int THREADS = 4;
    private static final int QUEUED = 32;

    private final HostsFile hosts;
    private final Duration timeout;
    private final AddressLookup lookup;
    private final ThreadPoolExecutor executor;

    /** A resolver over {@code lookup}: the prober's tests give it one that never queries real DNS. */
    public SystemNameResolver(HostsFile hosts, Duration timeout, AddressLookup lookup) {
        this.hosts = Objects.requireNonNull(hosts);
        this.timeout = Objects.requireNonNull(timeout);
        this.lookup = Objects.requireNonNull(lookup);
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED), daemonThreads());
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The resolver {@code configuration} describes: the {@code PROBE_HOSTS_FILE} seam when set, then the system
     * resolver, with the configured resolve time limit.
     *
     * @throws IllegalStateException when the hosts file cannot be read; the function then fails to start
     */
    public static SystemNameResolver create(ProbeConfiguration configuration) {
        return create(hostsFile(configuration), configuration.limits());
    }

    /** The hosts file {@code configuration} names ({@code PROBE_HOSTS_FILE}), or an empty one. */
    public static HostsFile hostsFile(ProbeConfiguration configuration) {
        try {
            return configuration.hostsFile().isPresent() ? HostsFile.read(configuration.hostsFile().get()) : HostsFile.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("PROBE_HOSTS_FILE cannot be read: " + e.getMessage(), e);
        }
    }

    /** Consults {@code hosts}, then the system resolver, waiting at most {@code limits.resolveTimeout()}. */
    public static SystemNameResolver create(HostsFile hosts, ProbeLimits limits) {
        return new SystemNameResolver(hosts, limits.resolveTimeout(), InetAddress::getAllByName);
    }

    @Override
    public List<InetAddress> resolve(String host) throws ProbeFailure {
        if (host == null || host.isBlank()) {
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "an empty host name does not resolve");
        }
        if (isIpLiteral(host)) {
            // The NameResolver port never resolves literals: the URL rules refuse them (docs/security.md, "URL syntax
            // per field"), and the JDK would read "127.1" or "2130706433" as loopback without asking DNS
            // (docs/security.md, "Encodings and parser differentials").
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "IP literals are not resolved");
        }
        Optional<List<InetAddress>> listed = hosts.lookup(host);
        if (listed.isPresent()) {
            return listed.get();
        }
        return nonEmpty(host, lookUpWithinLimit(host));
    }

    private InetAddress[] lookUpWithinLimit(String host) throws ProbeFailure {
        Future<InetAddress[]> pending;
        try {
            pending = executor.submit(() -> lookup.lookup(host));
        } catch (RejectedExecutionException busy) {
            throw new ProbeFailure(ProbeOutcome.TIMEOUT, host + " could not be resolved in time; try again later");
        }
        try {
            return pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            pending.cancel(true);
            throw new ProbeFailure(ProbeOutcome.TIMEOUT, host + " did not resolve within " + seconds());
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbeOutcome.TIMEOUT, host + " was not resolved: the probe was stopped");
        } catch (ExecutionException failed) {
            throw failure(host, failed.getCause());
        }
    }

    private static ProbeFailure failure(String host, Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return new ProbeFailure(ProbeOutcome.DNS_ERROR, host + " does not resolve");
        }
        return new ProbeFailure(ProbeOutcome.DNS_ERROR, host + " could not be resolved");
    }

    private static List<InetAddress> nonEmpty(String host, InetAddress[] found) throws ProbeFailure {
        List<InetAddress> addresses = found == null ? List.of()
                : Arrays.stream(found).filter(Objects::nonNull).toList();
        if (addresses.isEmpty()) {
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, host + " does not resolve");
        }
        return addresses;
    }

    private static boolean isIpLiteral(String host) {
        // Also catches bare IPv6 ("::1", which has no dot) and the forms IpLiteral reads the WHATWG way.
        return host.indexOf(':') >= 0 || InetAddresses.isInetAddress(host) || IpLiteral.isLiteral(host);
    }

    private String seconds() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "probe-dns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
