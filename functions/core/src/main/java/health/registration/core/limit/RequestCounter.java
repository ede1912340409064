package health.registration.core.limit;

import java.time.Instant;

/**
 * Port: counters of requests in fixed windows, shared by every instance of every function that counts (DynamoDB in
 * AWS, in memory in unit tests). A counter disappears some time after its window ends.
 */
public interface RequestCounter {

    /**
     * Adds one to the named counter unless it has reached {@code limit} already; atomically, so that of any number
     * of concurrent calls at most {@code limit} are counted.
     *
     * @param counter   the counter's name: its scope, source and window
     * @param windowEnd when the window ends; the counter may be forgotten from then on
     * @return whether the request was counted (false: the limit was reached before it)
     * @throws health.registration.core.port.StoreUnavailable when the counters cannot be reached
     */
    boolean increment(String counter, long limit, Instant windowEnd);
}
