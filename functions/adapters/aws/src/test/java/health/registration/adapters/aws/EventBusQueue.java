package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A throw-away event bus in the emulator whose one rule sends the events matching a pattern to an SQS queue, where
 * a test reads them back; {@link #close()} removes all of it.
 */
final class EventBusQueue implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = "to-queue";

    private final EventBridgeClient eventBridge;
    private final SqsClient sqs;
    private final String busName;
    private final String queueUrl;

    private EventBusQueue(EventBridgeClient eventBridge, SqsClient sqs, String busName, String queueUrl) {
        this.eventBridge = eventBridge;
        this.sqs = sqs;
        this.busName = busName;
        this.queueUrl = queueUrl;
    }

    static EventBusQueue create(EventBridgeClient eventBridge, SqsClient sqs, String prefix, String pattern) {
        String name = prefix + "-" + UUID.randomUUID();
        eventBridge.createEventBus(r -> r.name(name));
        String queueUrl = sqs.createQueue(r -> r.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        eventBridge.putRule(r -> r.name(RULE).eventBusName(name).eventPattern(pattern));
        eventBridge.putTargets(r -> r.rule(RULE).eventBusName(name)
                .targets(Target.builder().id("queue").arn(queueArn).build()));
        return new EventBusQueue(eventBridge, sqs, name, queueUrl);
    }

    String busName() {
        return busName;
    }

    /** The EventBridge envelopes of the messages in the queue: the count asked for, then no more. */
    List<JsonNode> receive(int count) throws IOException {
        List<JsonNode> envelopes = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && envelopes.size() < count; attempt++) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                envelopes.add(JSON.readTree(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        assertThat(envelopes).hasSize(count);
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()).isEmpty();
        return envelopes;
    }

    @Override
    public void close() {
        eventBridge.removeTargets(r -> r.rule(RULE).eventBusName(busName).ids("queue"));
        eventBridge.deleteRule(r -> r.name(RULE).eventBusName(busName));
        eventBridge.deleteEventBus(r -> r.name(busName));
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    }
}
