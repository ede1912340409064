package health.registration.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Lambda {@link Context} for tests whose logger keeps every line, so tests can assert what is (not) logged: the
 * raw lines, and for the JSON lines of edge's {@code RequestLog} their level and message.
 */
public final class RecordingLambdaContext implements Context {

    private final String functionName;
    private final String requestId = UUID.randomUUID().toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message, StandardCharsets.UTF_8));
        }
    };

    public RecordingLambdaContext(String functionName) {
        this.functionName = functionName;
    }

    /** Everything the function logged, one entry per call. */
    public List<String> loggedLines() {
        return List.copyOf(lines);
    }

    /** Each logged line parsed as JSON; a line that is not a JSON object fails the test. */
    public List<JsonNode> loggedJson() {
        return lines.stream().map(line -> {
            try {
                JsonNode json = JSON.readTree(line);
                if (json == null || !json.isObject()) {
                    throw new AssertionError("not a JSON log line: " + line);
                }
                return json;
            } catch (IOException notJson) {
                throw new AssertionError("not a JSON log line: " + line, notJson);
            }
        }).toList();
    }

    /** The {@code message} of each logged JSON line, prefixed with its level: {@code "ERROR crl ca=..."}. */
    public List<String> loggedMessages() {
        return loggedJson().stream().map(json -> json.path("level").asText() + " " + json.path("message").asText())
                .toList();
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
