package health.registration.reverify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import health.registration.core.probe.ProbeInvocation;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.issuance.IssuanceWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * The re-verification function: the daily schedule's run, an operator's check of one client, and fan-out segments
 * from SQS (see {@link ReverificationRequests}). It stops checking a minute before its own timeout, or at a fifth of
 * its time when that is shorter, and queues what is left.
 */
public final class ReverifyClientsHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MARGIN_MILLIS = 60_000;

    private final ReverificationRequests requests;
    private final Clock clock;

    /** Wiring for Lambda: stores, events and queue from the environment, probes through the probe function. */
    public ReverifyClientsHandler() {
        this(new ReverificationRequests(ReverifyWiring.reverification(IssuanceWiring.fromEnvironment()), Clock.systemUTC(),
                OperationalMetrics.fromEnvironment()), Clock.systemUTC());
        PrimingResource.register(ReverifyPriming.class, () -> new ReverifyPriming(System.getenv()));
    }

    ReverifyClientsHandler(ReverificationRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (IOException notJson) {
            event = null;
        }
        long remaining = lambda.getRemainingTimeInMillis();
        Instant stopCheckingAt = clock.instant().plusMillis(Math.max(remaining - MARGIN_MILLIS, remaining * 4 / 5));
        JsonNode request = event == null || !event.isObject() ? JsonNodeFactory.instance.objectNode() : event;
        RequestLog log = RequestLog.of("reverify", lambda);
        JSON.writeValue(output, ProbeInvocation.onBehalfOf(log.requestId(),
                () -> log.during(() -> requests.answer(request, stopCheckingAt, log))));
    }
}
