package health.registration.core.port;

import health.registration.core.limit.RequestCounter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link RequestCounter} in memory, for unit tests: counters by name, atomic under one lock. */
public final class InMemoryRequestCounter implements RequestCounter {

    private final Map<String, Long> counts = new HashMap<>();

    @Override
    public synchronized boolean increment(String counter, long limit, Instant windowEnd) {
        long count = counts.getOrDefault(counter, 0L);
        if (count >= limit) {
            return false;
        }
        counts.put(counter, count + 1);
        return true;
    }

    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }
}
