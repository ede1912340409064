package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.issue.ClientId;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.reverify.ReverificationSegment;
import health.registration.core.reverify.ReverificationSegmentJson;
import health.registration.testkit.DeadEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

class SqsReverificationQueueTest {

    /** SQS's message size limit, as the queue in the template keeps it. */
    private static final int SQS_MESSAGE_LIMIT = 256 * 1024;

    /** A thousand client ids of the longest shape {@link ClientId} allows (64 characters). */
    static ReverificationSegment largestSegment() {
        List<ClientId> ids = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ids.add(new ClientId(String.format("%064d", i)));
        }
        return new ReverificationSegment("run-20261128T0300Z-" + "r".repeat(40), Instant.parse("2026-11-28T03:00:00.123456789Z"), ids);
    }

    @Test
    void aThousandLongestClientIdsStayUnderTheMessageLimitAndReadBack() throws Exception {
        ReverificationSegment segment = largestSegment();

        String body = SqsReverificationQueue.body(segment);

        assertThat(body.getBytes(UTF_8).length).isLessThan(SQS_MESSAGE_LIMIT);
        assertThat(ReverificationSegmentJson.read(new ObjectMapper().readTree(body))).isEqualTo(segment);
    }

    @Test
    void anUnreachableQueueIsUnavailable() {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            SqsRequests dead = new SqsRequests(http, DeadEndpoint.uri(), Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
            assertThatThrownBy(() -> new SqsReverificationQueue(dead, "http://127.0.0.1:1/000000000000/reverify")
                    .send(largestSegment()))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessage("the re-verification queue did not answer SendMessage")
                    .hasCauseInstanceOf(SdkClientException.class);
        }
    }
}
