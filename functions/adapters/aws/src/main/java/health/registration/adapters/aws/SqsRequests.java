package health.registration.adapters.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * SQS's SendMessage (SQS API reference; AWS JSON 1.0, {@code X-Amz-Target: AmazonSQS.SendMessage}), the one SQS call
 * a function makes (the re-verification's segments), taking and answering the SDK's model objects and sent as
 * {@link ModelCalls} sends them: without the SQS client and the SDK's client runtime (docs/performance-packages.md).
 * As the client does, it checks the MD5 digest of the message body that SQS answers with. A refusal is a {@link
 * ServiceError} naming the error's type; every failure is an {@link SdkClientException}.
 */
public final class SqsRequests {

    static final String SIGNING_NAME = "sqs";
    /** The SDK's variable for SQS's endpoint (service id "SQS"). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SQS";
    static final String TARGET_PREFIX = "AmazonSQS.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String SERVICE = "SQS";

    private final ModelCalls calls;
    private final URI endpoint;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    SQS's endpoint (scheme, host and port)
     * @param region      the region the requests are signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public SqsRequests(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.calls = new ModelCalls(new SignedRequests(SERVICE, SIGNING_NAME, http, endpoint, region, credentials),
                SERVICE, TARGET_PREFIX, CONTENT_TYPE);
        this.endpoint = endpoint;
    }

    /** This container's requests: {@link ClientSettings}' region and credentials, SQS's endpoint, built on first use. */
    public static SqsRequests shared() {
        return Holder.REQUESTS;
    }

    // The JVM initialises the holder, and so builds the sender, on its first use only.
    private static final class Holder {
        static final SqsRequests REQUESTS = ClientSettings.sender(SqsRequests::endpoint, SqsRequests::new);
    }

    /** SQS's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    public static URI endpoint(Map<String, String> environment, Region region) {
        return SignedRequests.endpoint(environment, ENDPOINT_VARIABLE, SIGNING_NAME, region);
    }

    /** Where the requests go (for the tests' check that they go to the emulator). */
    public URI endpoint() {
        return endpoint;
    }

    /** SendMessage; {@link SdkClientException} when SQS's digest of the body is not the body's. */
    public SendMessageResponse sendMessage(SendMessageRequest request) {
        SendMessageResponse answer = calls.call("SendMessage", request, SendMessageResponse.builder());
        if (answer.md5OfMessageBody() != null && request.messageBody() != null
                && !answer.md5OfMessageBody().equalsIgnoreCase(md5(request.messageBody()))) {
            throw SdkClientException.create("SQS's digest of the message body is not the body's: the message was altered");
        }
        return answer;
    }

    public SendMessageResponse sendMessage(Consumer<SendMessageRequest.Builder> request) {
        return sendMessage(SendMessageRequest.builder().applyMutation(request).build());
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("every JDK has MD5", required);
        }
    }
}
