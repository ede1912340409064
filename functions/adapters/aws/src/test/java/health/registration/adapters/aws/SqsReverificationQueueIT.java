package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.reverify.ReverificationSegment;
import health.registration.core.reverify.ReverificationSegmentJson;
import health.registration.testkit.AwsEmulator;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@link SqsReverificationQueue} against moto, through the production client, on a queue of the test's own. */
class SqsReverificationQueueIT {

    private static SqsClient sqs;

    private String queueUrl;

    @BeforeAll
    static void requireEmulator() {
        sqs = AwsEmulator.client(SqsClients::shared);
    }

    @BeforeEach
    void createQueue() {
        queueUrl = sqs.createQueue(r -> r.queueName("reverify-it-" + UUID.randomUUID())).queueUrl();
    }

    @AfterEach
    void deleteQueue() {
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    }

    @Test
    void aSegmentOfAThousandClientsIsSentAsOneMessageThatReadsBackEqual() throws IOException {
        ReverificationSegment segment = SqsReverificationQueueTest.largestSegment();

        assertThat(SqsRequests.shared().endpoint()).isEqualTo(AwsEmulator.endpoint());
        new SqsReverificationQueue(SqsRequests.shared(), queueUrl).send(segment);

        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages).singleElement().satisfies(message ->
                assertThat(ReverificationSegmentJson.read(new ObjectMapper().readTree(message.body()))).isEqualTo(segment));
    }
}
