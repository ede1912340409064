package health.registration.core.reverify;

import health.registration.core.port.StoreUnavailable;

/**
 * Port: where a re-verification run too large for one invocation sends its work (SQS queue {@code REVERIFY_QUEUE_URL}),
 * one segment per message, for worker invocations of the same function to check.
 */
public interface ReverificationQueue {

    /** @throws StoreUnavailable when the segment may not have been queued */
    void send(ReverificationSegment segment);
}
