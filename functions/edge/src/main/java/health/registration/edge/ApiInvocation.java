package health.registration.edge;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;

/**
 * The shared frame of every API handler: answer the request, or, when something fails, answer without detail and log
 * the cause once — the class name and the message a port wrote for logs, never a stack trace, a body or a credential.
 * A store or prober that cannot answer is a {@code 503} the client may retry; a write that lost to a concurrent change
 * of the same record (optimistic locking) a {@code 409} the client may send again; anything else a {@code 500}.
 * A method the request's resource does not answer ({@link AllowedMethods}) is a {@code 405} before the handler runs.
 */
public final class ApiInvocation {

    /** What a handler does with a request. */
    @FunctionalInterface
    public interface Answer {
        ApiResponse to(ApiRequest request, LambdaLogger log);
    }

    private ApiInvocation() {}

    public static ApiResponse answer(String function, ApiRequest request, LambdaLogger log, Answer answer) {
        if (AllowedMethods.refuses(request)) {
            log.log(function + " requestId=" + request.requestId() + " refused: method not allowed\n");
            return ErrorResponses.methodNotAllowed(AllowedMethods.of(request.resource()));
        }
        try {
            return answer.to(request, log);
        } catch (RefreshingSecret.SecretUnavailable missing) {
            // A deploy without its secrets, or a secret unreadable or inconsistent with PUBLIC_BASE_URL: the operator
            // must act, so the line names the secret; the answer names only its setting.
            log.log("ERROR " + function + " requestId=" + request.requestId() + " " + missing.getMessage() + "\n");
            return ErrorResponses.notConfigured(missing.setting());
        } catch (StoreUnavailable unavailable) {
            log.log(function + " requestId=" + request.requestId() + " unavailable: " + unavailable.getMessage() + "\n");
            return ErrorResponses.unavailable();
        } catch (WriteConflict concurrent) {
            log.log(function + " requestId=" + request.requestId() + " conflict: " + concurrent.getMessage() + "\n");
            return ErrorResponses.concurrentChange();
        } catch (RuntimeException unexpected) {
            log.log(function + " requestId=" + request.requestId() + " failed: " + unexpected.getClass().getName() + "\n");
            return ErrorResponses.serverError();
        }
    }
}
