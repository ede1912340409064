package health.registration.adapters.aws;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * This container's EventBridge client, built on first use with the shared settings ({@link ClientSettings}) and reused
 * across invocations. A class of its own so that a function names no other service's client and its package
 * carries no other service's model.
 */
public final class EventBridgeClients {

    private EventBridgeClients() {}

    public static EventBridgeClient shared() {
        return Holder.CLIENT;
    }

    // The JVM initialises the holder, and so builds the client, on its first use only.
    private static final class Holder {
        static final EventBridgeClient CLIENT = ClientSettings.build(EventBridgeClient.builder());
    }
}
