package health.registration.core.probe;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness toward the hosts we probe, across every registration this process handles: at most so many probes at
 * once against one host name, and at most so many started per minute (security research §1.8), so that the service
 * cannot be used to flood a third party.
 */
public final class HostLimiter {

    private static final int FORGET_ABOVE_HOSTS = 4096;

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
        String key = host.toLowerCase(Locale.ROOT);
        if (!withinRate(key)) {
            return null;
        }
        Semaphore semaphore = inFlight.computeIfAbsent(key, k -> new Semaphore(maxInFlight, true));
        return semaphore.tryAcquire(waitMillis, TimeUnit.MILLISECONDS) ? semaphore::release : null;
    }

    private boolean withinRate(String key) {
        long now = clock.millis();
        if (starts.size() > FORGET_ABOVE_HOSTS) {
            forgetIdleHosts(now);
        }
        Deque<Long> recent = starts.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst() <= now - 60_000) {
                recent.pollFirst();
            }
            if (recent.size() >= maxPerMinute) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    /** Drops hosts with no start in the last minute and no probe running, so memory stays bounded. */
    private void forgetIdleHosts(long now) {
        starts.forEach((key, recent) -> {
            synchronized (recent) {
                boolean idle = recent.isEmpty() || recent.peekLast() <= now - 60_000;
                Semaphore semaphore = inFlight.get(key);
                if (idle && (semaphore == null || semaphore.availablePermits() == maxInFlight)) {
                    starts.remove(key, recent);
                    inFlight.remove(key, semaphore);
                }
            }
        });
    }

    /** Returned when the probe ends. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
