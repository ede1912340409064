package health.registration.adapters.aws;

import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * This container's Lambda client, built on first use with the shared settings ({@link ClientSettings}) and reused
 * across invocations: the cleanup's pruning of old function versions ({@link LambdaFunctionVersions}). The probe
 * function is invoked through {@link LambdaInvoke}, which needs no Lambda client. A class of its own so that a function names no other service's client and its package
 * carries no other service's model.
 */
public final class LambdaClients {

    private LambdaClients() {}

    public static LambdaClient shared() {
        return Holder.CLIENT;
    }

    // The JVM initialises the holder, and so builds the client, on its first use only.
    private static final class Holder {
        static final LambdaClient CLIENT = ClientSettings.build(LambdaClient.builder());
    }
}
