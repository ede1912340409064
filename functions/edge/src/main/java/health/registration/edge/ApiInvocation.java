package health.registration.edge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import health.registration.core.probe.ProbeInvocation;
import java.util.Objects;

/**
 * The shared frame of every API handler: answer the request with a {@link RequestLog} that names the API Gateway and
 * Lambda request ids on every line (and passes the API request id to the probe function, {@link ProbeInvocation}),
 * or, when something fails, answer without detail and log the cause once: its class, its message and, for a
 * {@code 500}, its stack trace, redacted (docs/operations/logging.md). A store or prober that cannot answer is a
 * {@code 503} the client may retry (WARN); a write that lost to a concurrent change of the same record (optimistic
 * locking) a {@code 409} the client may send again (INFO); a secret the deploy lacks a {@code 503} the operator must
 * fix (ERROR); anything else a {@code 500} (ERROR). A method the request's resource does not answer
 * ({@link AllowedMethods}) is a {@code 405} before the handler runs.
 */
public final class ApiInvocation {

    /** What a handler does with a request. */
    @FunctionalInterface
    public interface Answer {
        ApiResponse to(ApiRequest request, RequestLog log);
    }

    private ApiInvocation() {}

    public static ApiResponse answer(String function, ApiRequest request, Context lambda, Answer answer) {
        return answer(request, RequestLog.of(function, lambda), answer);
    }

    static ApiResponse answer(ApiRequest request, RequestLog functionLog, Answer answer) {
        RequestLog log = functionLog.forApiRequest(request.requestId());
        if (AllowedMethods.refuses(request)) {
            log.info("refused: method not allowed (" + request.httpMethod() + ")");
            return ErrorResponses.methodNotAllowed(AllowedMethods.of(request.resource()));
        }
        long start = System.nanoTime();
        ApiResponse response = ProbeInvocation.onBehalfOf(log.requestId(),
                () -> log.during(() -> answerLogging(request, log, answer)));
        if (log.enabled(LogLevel.DEBUG)) {
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // The route's template, never the path: a path is whatever the caller sent.
            String route = request.httpMethod() + " " + Objects.requireNonNullElse(request.resource(), "-");
            log.write(LogLevel.DEBUG, "answered " + route + " " + response.statusCode() + " in " + elapsedMs + " ms", null,
                    fields -> fields.put("status", response.statusCode()).put("elapsedMs", elapsedMs));
        }
        return response;
    }

    private static ApiResponse answerLogging(ApiRequest request, RequestLog log, Answer answer) {
        try {
            return answer.to(request, log);
        } catch (RefreshingSecret.SecretUnavailable missing) {
            // A deploy without its secrets, or a secret unreadable or inconsistent with PUBLIC_BASE_URL: the operator
            // must act, so the line names the secret; the answer names only its setting.
            log.error("not configured: " + missing.getMessage());
            return ErrorResponses.notConfigured(missing.setting());
        } catch (StoreUnavailable unavailable) {
            // The message a port wrote for logs, not its cause's: an SDK's message may quote what it sent.
            log.warn("unavailable: " + unavailable.getMessage());
            return ErrorResponses.unavailable();
        } catch (WriteConflict concurrent) {
            log.info("conflict: " + concurrent.getMessage());
            return ErrorResponses.concurrentChange();
        } catch (RuntimeException unexpected) {
            log.error("failed: " + unexpected.getClass().getName(), unexpected);
            return ErrorResponses.serverError();
        }
    }
}
