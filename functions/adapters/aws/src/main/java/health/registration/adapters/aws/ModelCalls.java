package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Operations of one AWS JSON service (AWS JSON 1.0 or 1.1: {@code POST /}, the operation in {@code X-Amz-Target}),
 * each taking and answering the SDK's own model objects, written and read by {@link ModelJson} and sent by {@link
 * SignedRequests}: what a service's client does for an operation, without the client, whose marshallers name every
 * operation's model (docs/performance-packages.md).
 */
final class ModelCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedRequests requests;
    private final String service;
    private final String targetPrefix;
    private final String contentType;

    /**
     * @param service      the service's name in failures ("DynamoDB")
     * @param targetPrefix what precedes the operation's name in {@code X-Amz-Target} ({@code DynamoDB_20120810.})
     * @param contentType  the protocol's content type ({@code application/x-amz-json-1.0})
     */
    ModelCalls(SignedRequests requests, String service, String targetPrefix, String contentType) {
        this.requests = Objects.requireNonNull(requests);
        this.service = Objects.requireNonNull(service);
        this.targetPrefix = Objects.requireNonNull(targetPrefix);
        this.contentType = Objects.requireNonNull(contentType);
    }

    /** {@code operation} with {@code request}; the answer, read into what {@code answerBuilder} builds. */
    <T> T call(String operation, SdkPojo request, SdkPojo answerBuilder) {
        SignedRequests.Answer answer = requests.post("/", Map.of("X-Amz-Target", targetPrefix + operation,
                "Content-Type", contentType), body(request));
        JsonNode read;
        try {
            read = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            throw SdkClientException.create(service + "'s " + operation + " answer is not JSON");
        }
        if (read == null || !read.isObject()) {
            throw SdkClientException.create(service + "'s " + operation + " answer is not a JSON object");
        }
        return ModelJson.read(read, answerBuilder);
    }

    /** The request's body as sent. */
    static byte[] body(SdkPojo request) {
        try {
            return JSON.writeValueAsBytes(ModelJson.write(request));
        } catch (IOException impossible) {
            throw new IllegalStateException("a JSON tree always serialises", impossible);
        }
    }
}
