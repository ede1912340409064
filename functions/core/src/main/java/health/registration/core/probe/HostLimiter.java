package health.registration.core.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.time.Clock;

/**
 * Politeness toward the hosts we probe, across every registration this process handles: at most so many probes at
 * once against one host, and at most so many started per minute (docs/security.md, "Limits"), so that the service
 * cannot be used to flood a third party. A host is counted both by its name and by each address it resolves to, so
 * many names pointing at one victim's address share that address's budget. An IPv6 address counts by its /64 (RFC
 * 4291 §2.5.4), which one site typically holds whole.
 */
public final class HostLimiter {

    /** Above this many hosts remembered, idle ones are forgotten (package-private for the tests of that bound). */
    static final int FORGET_ABOVE_HOSTS = 4096;
    private static final String ADDRESS_KEY = "address:";

    /**
     * An address may take this many times a name's budget: content delivery networks and shared hosts serve many
     * apps' names from a few addresses, so an address gets more than a name, yet stays bounded however many names
     * point at it.
     */
    public static final int ADDRESS_SHARE = 4;

    private final int maxInFlight;
    private final int maxPerMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Deque<Long>> starts = new ConcurrentHashMap<>();

    public HostLimiter(int maxInFlight, int maxPerMinute, Clock clock) {
        this.maxInFlight = maxInFlight;
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    /** A permit to probe the host, waiting at most the given time for one, or null when the host's budget is spent. */
    public Permit acquire(String host, long waitMillis) throws InterruptedException {
        return acquireAll(List.of(host.toLowerCase(Locale.ROOT)), waitMillis);
    }

    /**
     * A permit to connect to these addresses (those one host name resolved to), or null when any of them has spent
     * its budget: every address's count goes up, or none does.
     */
    public Permit acquire(Collection<InetAddress> addresses, long waitMillis) throws InterruptedException {
        return acquireAll(addresses.stream().map(HostLimiter::addressKey).distinct().sorted().toList(), waitMillis);
    }

    /** A permit for the host name and every address it resolved to, all or none. */
    public Permit acquire(String host, Collection<InetAddress> addresses, long waitMillis) throws InterruptedException {
        List<String> keys = new ArrayList<>(List.of(host.toLowerCase(Locale.ROOT)));
        addresses.stream().map(HostLimiter::addressKey).distinct().sorted().forEach(keys::add);
        return acquireAll(keys, waitMillis);
    }

    /** The budget key of an address: IPv4 whole, IPv6 by its /64. */
    static String addressKey(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return ADDRESS_KEY + address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder prefix = new StringBuilder(ADDRESS_KEY);
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Keys in a fixed (sorted) order, so that two acquisitions never wait for each other's semaphores in a cycle. */
    private Permit acquireAll(List<String> keys, long waitMillis) throws InterruptedException {
        if (!withinRate(keys)) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<Semaphore> held = new ArrayList<>(keys.size());
        for (String key : keys) {
            Semaphore semaphore = inFlight.computeIfAbsent(key, k -> new Semaphore(maxInFlight(k), true));
            if (!semaphore.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                held.forEach(Semaphore::release);
                return null;
            }
            held.add(semaphore);
        }
        return () -> held.forEach(Semaphore::release);
    }

    /** Records a start for every key when each is within its rate, else for none. */
    private synchronized boolean withinRate(List<String> keys) {
        long now = clock.millis();
        if (starts.size() > FORGET_ABOVE_HOSTS) {
            forgetIdleHosts(now);
        }
        List<Deque<Long>> recents = new ArrayList<>(keys.size());
        for (String key : keys) {
            Deque<Long> recent = starts.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!recent.isEmpty() && recent.peekFirst() <= now - 60_000) {
                recent.pollFirst();
            }
            if (recent.size() >= maxPerMinute(key)) {
                return false;
            }
            recents.add(recent);
        }
        recents.forEach(recent -> recent.addLast(now));
        return true;
    }

    private int maxInFlight(String key) {
        return key.startsWith(ADDRESS_KEY) ? saturated(maxInFlight) : maxInFlight;
    }

    private int maxPerMinute(String key) {
        return key.startsWith(ADDRESS_KEY) ? saturated(maxPerMinute) : maxPerMinute;
    }

    private static int saturated(int nameBudget) {
        return (int) Math.min(Integer.MAX_VALUE, (long) nameBudget * ADDRESS_SHARE);
    }

    /** Drops hosts with no start in the last minute and no probe running, so memory stays bounded. */
    private void forgetIdleHosts(long now) {
        starts.forEach((key, recent) -> {
            boolean idle = recent.isEmpty() || recent.peekLast() <= now - 60_000;
            Semaphore semaphore = inFlight.get(key);
            if (idle && (semaphore == null || semaphore.availablePermits() == maxInFlight(key))) {
                starts.remove(key, recent);
                inFlight.remove(key, semaphore);
            }
        });
    }

    /** How many hosts and addresses the limiter remembers now: what its memory grows with. */
    synchronized int remembered() {
        return starts.size();
    }

    /** Returned when the probe ends. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
