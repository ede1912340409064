package health.registration.adapters.aws;

import java.time.Duration;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * This container's Lambda client, built on first use with the shared settings ({@link ClientSettings}) and reused
 * across invocations. A class of its own so that a function names no other service's client and its package
 * carries no other service's model.
 */
public final class LambdaClients {

    /**
     * How long an Invoke of the probe function may take to answer. The function's own timeout is 30 seconds
     * (template.yaml, {@code ProbeFunction}); waiting a little longer lets Lambda's timeout error, not a read timeout
     * here, end a probe that hangs.
     */
    static final Duration PROBE_INVOKE_READ_TIMEOUT = Duration.ofSeconds(35);

    private LambdaClients() {}

    public static LambdaClient shared() {
        return Holder.CLIENT;
    }

    // The JVM initialises the holder, and so builds the client, on its first use only.
    private static final class Holder {
        static final LambdaClient CLIENT = ClientSettings.build(LambdaClient.builder(), PROBE_INVOKE_READ_TIMEOUT);
    }
}
