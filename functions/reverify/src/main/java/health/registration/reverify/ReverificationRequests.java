package health.registration.reverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientInformation;
import health.registration.core.issue.ClientRecord;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.ProbeInvocation;
import health.registration.core.reverify.Reverification;
import health.registration.core.reverify.ReverificationSegmentJson;
import health.registration.core.reverify.RunSummary;
import health.registration.edge.OperationalMetrics;
import health.registration.edge.RequestLog;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The three events the re-verification function answers:
 * <ul>
 *   <li>the schedule's {@code {"scheduled_at": "<aws.scheduler.scheduled-time>"}}: a run whose id is the scheduled
 *       time, so that the scheduler's retries of one run skip the clients it already checked (any other event
 *       without a client id starts a run named after the time it arrives);</li>
 *   <li>an operator's {@code {"client_id": "..."}}: that client checked now, answered with its status and URL checks;</li>
 *   <li>SQS records of fan-out segments: each checked, failed records reported for redelivery
 *       ({@code batchItemFailures}).</li>
 * </ul>
 */
final class ReverificationRequests {

    static final String SCHEDULED_AT = "scheduled_at";
    static final String CLIENT_ID = "client_id";
    static final String RECORDS = "Records";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI NO_BASE = URI.create("https://registration.invalid");

    private final Reverification reverification;
    private final Clock clock;
    private final OperationalMetrics metrics;

    ReverificationRequests(Reverification reverification, Clock clock) {
        this(reverification, clock, OperationalMetrics.discarding());
    }

    /** @param metrics where runs and what they checked are counted (docs/operations/metrics.md) */
    ReverificationRequests(Reverification reverification, Clock clock, OperationalMetrics metrics) {
        this.reverification = reverification;
        this.clock = clock;
        this.metrics = metrics;
    }

    ObjectNode answer(JsonNode event, Instant stopCheckingAt, RequestLog log) {
        if (event.has(RECORDS)) {
            return segments(event.get(RECORDS), stopCheckingAt, log);
        }
        if (event.has(CLIENT_ID)) {
            return oneClient(event.get(CLIENT_ID).asText(), log);
        }
        Instant now = clock.instant();
        Optional<Instant> scheduled = scheduledAt(event);
        String runId = scheduled.map(at -> "scheduled:" + at).orElse("manual:" + now);
        RunSummary summary = counted(() -> reverification.run(runId, scheduled.orElse(now), stopCheckingAt), now);
        log.info("reverify " + line(summary));
        return summary.toJson();
    }

    private ObjectNode segments(JsonNode records, Instant stopCheckingAt, RequestLog log) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = answer.putArray("batchItemFailures");
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText();
            try {
                RunSummary summary = reverification.runSegment(
                        ReverificationSegmentJson.read(JSON.readTree(record.path("body").asText())), stopCheckingAt);
                metrics.reverificationChecked(summary);
                log.info("reverify segment " + line(summary));
            } catch (IOException | IllegalArgumentException malformed) {
                log.warn("reverify segment messageId=" + messageId + " is not a segment; left for the dead-letter queue");
                failures.addObject().put("itemIdentifier", messageId);
            } catch (StoreUnavailable unavailable) {
                log.warn("reverify segment messageId=" + messageId + " failed: " + unavailable.getMessage());
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        return answer;
    }

    private ObjectNode oneClient(String clientId, RequestLog log) {
        Optional<ClientRecord> checked = ClientId.parse(clientId).flatMap(reverification::checkNow);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        if (checked.isEmpty()) {
            answer.put(ProbeInvocation.ERROR, RegistrationErrorCode.NOT_FOUND.code());
            answer.put(ProbeInvocation.ERROR_DESCRIPTION, "There is no registered client with this client_id.");
            return answer;
        }
        ObjectNode information = new ClientInformation(checked.get(), null, null, NO_BASE).toJsonWithChecks();
        answer.set(CLIENT_ID, information.get(ClientInformation.CLIENT_ID));
        answer.set(ClientInformation.CLIENT_STATUS, information.get(ClientInformation.CLIENT_STATUS));
        answer.set(ClientInformation.URL_CHECKS, information.get(ClientInformation.URL_CHECKS));
        log.info("reverify client status=" + checked.get().status().code()
                + " consecutiveFailures=" + checked.get().checks().consecutiveFailures());
        return answer;
    }

    /** A run, counted as completed with what it checked, or as failed when it throws. */
    private RunSummary counted(Supplier<RunSummary> run, Instant started) {
        RunSummary summary;
        try {
            summary = run.get();
        } catch (RuntimeException failure) {
            metrics.reverificationRun(false, Duration.between(started, clock.instant()));
            throw failure;
        }
        metrics.reverificationChecked(summary);
        metrics.reverificationRun(true, Duration.between(started, clock.instant()));
        return summary;
    }

    private static Optional<Instant> scheduledAt(JsonNode event) {
        try {
            return event.path(SCHEDULED_AT).isTextual() ? Optional.of(Instant.parse(event.get(SCHEDULED_AT).textValue()))
                    : Optional.empty();
        } catch (DateTimeParseException notAnInstant) {
            return Optional.empty();
        }
    }

    private static String line(RunSummary summary) {
        StringBuilder line = new StringBuilder();
        summary.toJson().fields().forEachRemaining(f -> line.append(f.getKey()).append('=').append(f.getValue().asText()).append(' '));
        return line.toString().strip();
    }
}
