package health.registration.adapters.aws;

import health.registration.core.port.StoreUnavailable;
import health.registration.core.reverify.ReverificationQueue;
import health.registration.core.reverify.ReverificationSegment;
import health.registration.core.reverify.ReverificationSegmentJson;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link ReverificationQueue} on an SQS queue: one SendMessage per segment, the body {@link ReverificationSegmentJson}
 * ({@code {"run_id", "run_at", "client_ids"}}), which a worker reads back with {@link ReverificationSegmentJson#read}.
 * A segment of 1,000 client ids of the longest shape stays far below SQS's 256 KiB message limit. When the queue does
 * not answer this throws {@link StoreUnavailable}: the segment may not have been queued. A segment holds client ids
 * only, no personal data or secrets.
 */
public final class SqsReverificationQueue implements ReverificationQueue {

    private final SqsRequests sqs;
    private final String queueUrl;

    /**
     * @param sqs      from {@link SqsRequests#shared()}
     * @param queueUrl the queue's URL ({@code REVERIFY_QUEUE_URL})
     */
    public SqsReverificationQueue(SqsRequests sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs);
        this.queueUrl = Objects.requireNonNull(queueUrl);
    }

    @Override
    public void send(ReverificationSegment segment) {
        String body = body(segment);
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            throw new StoreUnavailable("the re-verification queue did not answer SendMessage", e);
        }
    }

    /** The message body of a segment. */
    static String body(ReverificationSegment segment) {
        return ReverificationSegmentJson.write(segment).toString();
    }
}
