package health.registration.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.connector.AuthorizationServerUnavailable;
import health.registration.core.connector.ConnectorOutcome;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.port.StoreUnavailable;
import health.registration.edge.RequestLog;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the connector function does with an invocation (docs/operations/authorization-server.md, "Keycloak"):
 * <ul>
 *   <li>an SQS batch ({@code Records}): each message is an EventBridge change event from {@code ClientEventsBus};
 *       it is applied through {@code ChangeEventConnector}, and the answer names in {@code batchItemFailures} only
 *       the messages to deliver again (Lambda's partial batch response): a message that is not a change event, one
 *       whose client's secret cannot be read yet, and every message once Keycloak, the registry or the wiring
 *       failed. They come back after the queue's visibility timeout and go to the dead-letter queue after the
 *       redrive policy's receives;</li>
 *   <li>anything else (the schedule's event): a reconcile of the realm with the registry, both ways; it answers
 *       what it repaired, and fails the invocation when Keycloak or the registry cannot be reached, so that the
 *       schedule retries it and the function's errors alarm sees it.</li>
 * </ul>
 * Never a secret in an answer or a log line: outcomes and failures name clients, versions, calls and statuses only.
 */
final class ConnectorRequests {

    static final String RECORDS = "Records";
    static final String BATCH_ITEM_FAILURES = "batchItemFailures";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ConnectorWiring> wiring;

    /** @param wiring built on first use (and again after a failure), so that a bad setting fails messages, not Init */
    ConnectorRequests(Supplier<ConnectorWiring> wiring) {
        this.wiring = wiring;
    }

    ObjectNode answer(JsonNode event, RequestLog log) {
        if (event.has(RECORDS)) {
            return batch(event.get(RECORDS), log);
        }
        return reconcile(log);
    }

    private ObjectNode batch(JsonNode records, RequestLog log) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = answer.putArray(BATCH_ITEM_FAILURES);
        Optional<ConnectorWiring> pieces;
        String unavailable = null;
        try {
            pieces = Optional.of(wiring.get());
        } catch (RuntimeException e) {
            pieces = Optional.empty();
            unavailable = "the connector cannot start: " + e.getMessage();
            log.error("connector " + unavailable);
        }
        int applied = 0;
        for (JsonNode record : records) {
            String messageId = record.path("messageId").asText();
            Optional<LifecycleEvent> event = changeEvent(record.path("body").asText(""));
            if (event.isEmpty()) {
                log.warn("connector messageId=" + messageId + " is not a change event; left for the dead-letter queue");
                failures.addObject().put("itemIdentifier", messageId);
                continue;
            }
            if (unavailable != null) {
                failures.addObject().put("itemIdentifier", messageId);
                continue;
            }
            try {
                ConnectorOutcome outcome = pieces.orElseThrow().connector().apply(event.get());
                String line = "connector messageId=" + messageId + " " + event.get().type().detailType() + " "
                        + event.get().id() + ": " + outcome;
                if (outcome instanceof ConnectorOutcome.SecretMissing) {
                    log.warn(line + "; retried later");
                    failures.addObject().put("itemIdentifier", messageId);
                } else if (outcome instanceof ConnectorOutcome.Unsupported) {
                    log.warn(line);
                    applied++;
                } else {
                    log.info(line);
                    applied++;
                }
            } catch (AuthorizationServerUnavailable | StoreUnavailable e) {
                // One failure is enough: the rest of the batch would wait for the same server, so it comes back too.
                unavailable = e.getMessage();
                log.warn("connector messageId=" + messageId + " not applied, the batch is retried later: " + unavailable);
                failures.addObject().put("itemIdentifier", messageId);
            } catch (RuntimeException e) {
                log.error("connector messageId=" + messageId + " failed: " + e.getClass().getSimpleName());
                failures.addObject().put("itemIdentifier", messageId);
            }
        }
        log.info("connector batch messages=" + records.size() + " applied=" + applied + " failed=" + failures.size());
        return answer;
    }

    /** The change event an EventBridge envelope (the message body) carries; empty when it carries none. */
    static Optional<LifecycleEvent> changeEvent(String body) {
        try {
            JsonNode envelope = JSON.readTree(body);
            if (envelope == null || !envelope.path("detail").isObject()) {
                return Optional.empty();
            }
            return Optional.of(LifecycleEventJson.read(envelope.get("detail"), envelope.path("detail-type").asText()));
        } catch (IOException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private ObjectNode reconcile(RequestLog log) {
        List<ConnectorOutcome> repaired;
        try {
            repaired = wiring.get().reconcile().run();
        } catch (RuntimeException e) {
            String why = e instanceof AuthorizationServerUnavailable || e instanceof StoreUnavailable
                    || e instanceof IllegalArgumentException ? e.getMessage() : e.getClass().getSimpleName();
            log.error("connector reconcile failed: " + why);
            throw new ReconcileFailed(why);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        long written = repaired.stream().filter(ConnectorOutcome.Written.class::isInstance).count();
        long removed = repaired.stream().filter(ConnectorOutcome.Removed.class::isInstance).count();
        long secretMissing = repaired.stream().filter(ConnectorOutcome.SecretMissing.class::isInstance).count();
        long unsupported = repaired.stream().filter(ConnectorOutcome.Unsupported.class::isInstance).count();
        answer.put("written", written);
        answer.put("removed", removed);
        answer.put("secret_missing", secretMissing);
        answer.put("unsupported", unsupported);
        repaired.forEach(outcome -> log.info("connector reconcile " + outcome));
        String summary = "connector reconcile written=" + written + " removed=" + removed + " secretMissing="
                + secretMissing + " unsupported=" + unsupported;
        if (secretMissing + unsupported > 0) {
            log.warn(summary);
        } else {
            log.info(summary);
        }
        return answer;
    }

    /**
     * A reconcile that could not run: fails the invocation (so the schedule retries it and the errors alarm sees
     * it) with the reason alone, no stack trace for the runtime to log.
     */
    static final class ReconcileFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ReconcileFailed(String reason) {
            super("the reconcile failed: " + reason, null, false, false);
        }
    }
}
