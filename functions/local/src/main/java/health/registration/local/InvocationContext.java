package health.registration.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Instant;

/**
 * The Lambda {@link Context} of one local invocation. Its deadline is informational: nothing stops a handler that
 * runs past it, as Lambda would.
 */
public final class InvocationContext implements Context {

    private final FunctionDefinition function;
    private final String requestId;
    private final Instant deadline;
    private final Clock clock;
    private final LambdaLogger logger;

    public InvocationContext(FunctionDefinition function, String requestId, Clock clock, LambdaLogger logger) {
        this.function = function;
        this.requestId = requestId;
        this.clock = clock;
        this.deadline = clock.instant().plusSeconds(function.timeoutSeconds());
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.logicalId();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.logicalId();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + function.logicalId();
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
        long remaining = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
