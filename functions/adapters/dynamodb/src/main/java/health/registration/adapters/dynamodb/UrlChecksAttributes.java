package health.registration.adapters.dynamodb;

import static health.registration.adapters.dynamodb.StoredItem.numberValue;
import static health.registration.adapters.dynamodb.StoredItem.textValue;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.issue.LifecycleEventJson;
import health.registration.core.issue.UrlChecks;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeReportJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A client's {@link UrlChecks} as attributes of its item ({@link ClientItem}). {@code nextCheckAt}, the status
 * index's sort key, is always written; every other attribute only when it holds something (a failure count above
 * zero, an instant or run id that is set, a list that is not empty), so an item written before an attribute existed
 * reads back with its default. Instants are epoch milliseconds. The last probe report, the problems, the status
 * history and the unpublished events are JSON text ({@link ProbeReportJson}, {@link LifecycleEventJson}): they are
 * read whole and never queried, and instants inside them keep their ISO-8601 text.
 */
final class UrlChecksAttributes {

    static final String LAST_CHECKED_AT = "lastCheckedAt";
    static final String LAST_REPORT = "lastReport";
    static final String CONSECUTIVE_FAILURES = "consecutiveFailures";
    static final String FIRST_FAILED_AT = "firstFailedAt";
    static final String LAST_RUN_ID = "lastRunId";
    static final String PROBLEMS = "problems";
    static final String HISTORY = "history";
    static final String PENDING_EVENTS = "pendingEvents";

    private UrlChecksAttributes() {}

    static void write(UrlChecks checks, Map<String, AttributeValue> item) {
        item.put(ClientsTable.NEXT_CHECK_AT, numberValue(checks.nextCheckAt().toEpochMilli()));
        putInstant(item, LAST_CHECKED_AT, checks.lastCheckedAt());
        if (checks.lastReport() != null) {
            item.put(LAST_REPORT, textValue(ProbeReportJson.write(checks.lastReport()).toString()));
        }
        if (checks.consecutiveFailures() > 0) {
            item.put(CONSECUTIVE_FAILURES, numberValue(checks.consecutiveFailures()));
        }
        putInstant(item, FIRST_FAILED_AT, checks.firstFailedAt());
        if (checks.lastRunId() != null) {
            item.put(LAST_RUN_ID, textValue(checks.lastRunId()));
        }
        if (!checks.problems().isEmpty()) {
            item.put(PROBLEMS, textValue(LifecycleEventJson.writeProblems(checks.problems()).toString()));
        }
        if (!checks.history().isEmpty()) {
            item.put(HISTORY, textValue(LifecycleEventJson.writeHistory(checks.history()).toString()));
        }
        if (!checks.pendingEvents().isEmpty()) {
            item.put(PENDING_EVENTS, textValue(LifecycleEventJson.writeEvents(checks.pendingEvents()).toString()));
        }
    }

    /** The checks an item holds; {@link IllegalArgumentException} naming the attribute, not its value, otherwise. */
    static UrlChecks read(StoredItem stored) {
        ProbeReport report = parsed(stored, LAST_REPORT, ProbeReportJson::read);
        return new UrlChecks(optionalInstant(stored, LAST_CHECKED_AT), report,
                Instant.ofEpochMilli(stored.number(ClientsTable.NEXT_CHECK_AT)), failures(stored),
                optionalInstant(stored, FIRST_FAILED_AT), listOrEmpty(stored, PROBLEMS, LifecycleEventJson::readProblems),
                stored.optionalText(LAST_RUN_ID), listOrEmpty(stored, HISTORY, LifecycleEventJson::readHistory),
                listOrEmpty(stored, PENDING_EVENTS, LifecycleEventJson::readEvents));
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant instant) {
        if (instant != null) {
            item.put(name, numberValue(instant.toEpochMilli()));
        }
    }

    private static Instant optionalInstant(StoredItem stored, String name) {
        Long epochMillis = stored.optionalNumber(name);
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static int failures(StoredItem stored) {
        Long failures = stored.optionalNumber(CONSECUTIVE_FAILURES);
        if (failures == null) {
            return 0;
        }
        if (failures < 0 || failures > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + CONSECUTIVE_FAILURES + " is not a count");
        }
        return failures.intValue();
    }

    private static <T> List<T> listOrEmpty(StoredItem stored, String name, Function<JsonNode, List<T>> reader) {
        List<T> list = parsed(stored, name, reader);
        return list == null ? List.of() : list;
    }

    /** The JSON text attribute read by the reader, or null when absent. */
    private static <T> T parsed(StoredItem stored, String name, Function<JsonNode, T> reader) {
        JsonNode json = stored.optionalJson(name);
        if (json == null) {
            return null;
        }
        try {
            return reader.apply(json);
        } catch (IllegalArgumentException e) {
            // The readers name the member at fault and never quote the input, so the cause is kept.
            throw new IllegalArgumentException("attribute " + name + " is malformed", e);
        }
    }
}
