package health.registration.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The log of one invocation: one JSON object per line with a real level, written through Lambda's advanced logging
 * ({@link LambdaLogger#log(byte[], LogLevel)}, which the runtime passes on unwrapped with its level, and drops when the
 * level is below the function's {@code ApplicationLogLevel}). Every line names the function, the Lambda request id
 * and, where there is one, the API Gateway request id and the request id of the function that invoked this one.
 * Every message and error is passed through {@link LogRedaction} first. The shape of a line, the levels and how to
 * follow a registration into its probe: docs/operations/logging.md.
 */
public final class RequestLog {

    public static final String TIMESTAMP = "timestamp";
    public static final String LEVEL = "level";
    public static final String MESSAGE = "message";
    public static final String FUNCTION = "function";
    public static final String AWS_REQUEST_ID = "AWSRequestId";
    public static final String API_REQUEST_ID = "apiRequestId";
    public static final String CALLER_REQUEST_ID = "callerRequestId";
    public static final String ERROR = "error";

    /** The variable in which Lambda passes the function's {@code ApplicationLogLevel} (with {@code LogFormat: JSON}). */
    static final String LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";
    /** Stack frames written per exception (and per cause): enough to find the line, short enough to read. */
    static final int MAX_FRAMES = 40;
    private static final int MAX_CAUSES = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final LogLevel THRESHOLD = threshold(System.getenv(LEVEL_VARIABLE));
    private static final ThreadLocal<RequestLog> CURRENT = new ThreadLocal<>();

    private final LambdaLogger sink;
    private final LogLevel threshold;
    private final Clock clock;
    private final String function;
    private final String awsRequestId;
    private final String apiRequestId;
    private final String callerRequestId;

    RequestLog(LambdaLogger sink, LogLevel threshold, Clock clock, String function, String awsRequestId,
               String apiRequestId, String callerRequestId) {
        this.sink = sink;
        this.threshold = threshold;
        this.clock = clock;
        this.function = function;
        this.awsRequestId = awsRequestId;
        this.apiRequestId = apiRequestId;
        this.callerRequestId = callerRequestId;
    }

    /** The log of one invocation of {@code function}, at the function's {@code ApplicationLogLevel}. */
    public static RequestLog of(String function, Context lambda) {
        return new RequestLog(lambda.getLogger(), THRESHOLD, Clock.systemUTC(), function, lambda.getAwsRequestId(), null,
                null);
    }

    /** The same log, naming the API Gateway request ({@code requestContext.requestId}) on every line. */
    public RequestLog forApiRequest(String requestId) {
        return new RequestLog(sink, threshold, clock, function, awsRequestId, requestId, callerRequestId);
    }

    /** The same log, naming the request of the function that invoked this one on every line. */
    public RequestLog forCaller(String requestId) {
        return new RequestLog(sink, threshold, clock, function, awsRequestId, apiRequestId, requestId);
    }

    /** The API Gateway request id, or else the Lambda request id: what a call to another function passes along. */
    public String requestId() {
        return apiRequestId != null ? apiRequestId : awsRequestId;
    }

    /**
     * Runs {@code work} with this as the {@link #current()} log of the thread, for the code that logs outside a
     * handler's arguments (the operator audit trail, secrets refreshed while a request waits).
     */
    public <T> T during(Supplier<T> work) {
        RequestLog previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The log of the invocation this thread serves, or the function's own log (no request ids) outside one. */
    public static RequestLog current() {
        RequestLog current = CURRENT.get();
        return current != null ? current : new RequestLog(LambdaRuntime.getLogger(), THRESHOLD, Clock.systemUTC(),
                System.getenv("AWS_LAMBDA_FUNCTION_NAME"), null, null, null);
    }

    public boolean enabled(LogLevel level) {
        return level.ordinal() >= threshold.ordinal();
    }

    public void debug(String message) {
        write(LogLevel.DEBUG, message, null, null);
    }

    public void info(String message) {
        write(LogLevel.INFO, message, null, null);
    }

    public void warn(String message) {
        write(LogLevel.WARN, message, null, null);
    }

    public void error(String message) {
        write(LogLevel.ERROR, message, null, null);
    }

    /** An error line with the exception's class, message and stack trace (and its causes'), redacted. */
    public void error(String message, Throwable failure) {
        write(LogLevel.ERROR, message, failure, null);
    }

    /** A line with members of its own beside the common ones ({@code fields} may not replace them). */
    public void write(LogLevel level, String message, Throwable failure, Consumer<ObjectNode> fields) {
        if (!enabled(level)) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.put(TIMESTAMP, TIME.format(clock.instant()));
        line.put(LEVEL, level.name());
        line.put(MESSAGE, LogRedaction.redact(message));
        putIfPresent(line, FUNCTION, function);
        putIfPresent(line, AWS_REQUEST_ID, awsRequestId);
        putIfPresent(line, API_REQUEST_ID, apiRequestId);
        putIfPresent(line, CALLER_REQUEST_ID, callerRequestId);
        if (fields != null) {
            ObjectNode extra = JSON.createObjectNode();
            fields.accept(extra);
            extra.fieldNames().forEachRemaining(name -> {
                if (!line.has(name)) {
                    line.set(name, extra.get(name));
                }
            });
        }
        if (failure != null) {
            line.set(ERROR, describe(failure, level.ordinal() >= LogLevel.ERROR.ordinal()));
        }
        sink.log(bytes(line), level);
    }

    private static ObjectNode describe(Throwable failure, boolean withStack) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode described = error;
        Throwable next = failure;
        for (int depth = 0; next != null && depth <= MAX_CAUSES; depth++) {
            described.put("class", next.getClass().getName());
            putIfPresent(described, "message", LogRedaction.redact(next.getMessage()));
            if (withStack) {
                ArrayNode stack = described.putArray("stack");
                StackTraceElement[] frames = next.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                    stack.add(frames[i].toString());
                }
                if (frames.length > MAX_FRAMES) {
                    stack.add("... " + (frames.length - MAX_FRAMES) + " more");
                }
            }
            next = next.getCause() == next ? null : next.getCause();
            if (next != null && depth < MAX_CAUSES) {
                described = described.putObject("cause");
            }
        }
        return error;
    }

    private static byte[] bytes(ObjectNode line) {
        try {
            return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException impossible) {
            // A tree of strings always serialises; say so rather than lose the line silently.
            return ("{\"level\":\"ERROR\",\"message\":\"log line not serialisable\"}\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void putIfPresent(ObjectNode line, String name, String value) {
        if (value != null) {
            line.put(name, value);
        }
    }

    /** The level Lambda was configured with; INFO (the template's) when unset or unreadable. */
    static LogLevel threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return LogLevel.INFO;
        }
        try {
            LogLevel level = LogLevel.valueOf(configured.strip().toUpperCase(Locale.ROOT));
            return level == LogLevel.UNDEFINED ? LogLevel.INFO : level;
        } catch (IllegalArgumentException unknown) {
            return LogLevel.INFO;
        }
    }
}
