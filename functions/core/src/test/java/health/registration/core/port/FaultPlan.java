package health.registration.core.port;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which calls of a store decorator go wrong, and how: fail before the store is touched, fail after the store
 * applied the call (a timeout whose write went through), or let something else happen first (another writer).
 * Calls are counted per operation from 1. Thread-safe.
 *
 * @param <O> the decorated store's operations
 */
public final class FaultPlan<O extends Enum<O>> {

    /** When a planned failure surfaces. */
    public enum Timing {
        /** The store is not touched; the caller sees {@link StoreUnavailable}. */
        BEFORE,
        /** The store applies the call, then the caller sees {@link StoreUnavailable}, as after a timeout. */
        AFTER
    }

    private final Map<O, Integer> calls;
    private final Map<O, Map<Integer, Timing>> failures;
    private final Map<O, Map<Integer, Runnable>> interferences;

    public FaultPlan(Class<O> operations) {
        this.calls = new EnumMap<>(operations);
        this.failures = new EnumMap<>(operations);
        this.interferences = new EnumMap<>(operations);
    }

    public synchronized void fail(O operation, int nthCall, Timing timing) {
        failures.computeIfAbsent(operation, o -> new HashMap<>()).put(nthCall, timing);
    }

    /** Runs {@code meanwhile} just before the nth call reaches the store. */
    public synchronized void interfere(O operation, int nthCall, Runnable meanwhile) {
        interferences.computeIfAbsent(operation, o -> new HashMap<>()).put(nthCall, meanwhile);
    }

    /** How many times the operation was called, failed calls included. */
    public synchronized int calls(O operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** Runs one call of the operation according to the plan. */
    public <T> T call(O operation, Supplier<T> action) {
        int n;
        Timing timing;
        Runnable meanwhile;
        synchronized (this) {
            n = calls.merge(operation, 1, Integer::sum);
            timing = failures.getOrDefault(operation, Map.of()).get(n);
            meanwhile = interferences.getOrDefault(operation, Map.of()).get(n);
        }
        if (meanwhile != null) {
            meanwhile.run();
        }
        if (timing == Timing.BEFORE) {
            throw unavailable(operation, n, "before");
        }
        T result = action.get();
        if (timing == Timing.AFTER) {
            throw unavailable(operation, n, "after");
        }
        return result;
    }

    public void run(O operation, Runnable action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private static StoreUnavailable unavailable(Enum<?> operation, int n, String when) {
        return new StoreUnavailable("injected failure " + when + " call " + n + " of " + operation,
                new java.util.concurrent.TimeoutException("injected"));
    }
}
