package health.registration.local;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Type: Api} event of a function: requests with this method whose path matches this template go to it.
 *
 * @param method   an upper-case HTTP method, or {@link #ANY_METHOD} for every method
 * @param path     the resource path template
 * @param function the function that answers
 */
public record Route(String method, PathTemplate path, FunctionDefinition function) {

    /** SAM's {@code Method: any}. */
    public static final String ANY_METHOD = "ANY";

    public Route {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** The path parameters if this route answers {@code method} on {@code path}, else empty. */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals(ANY_METHOD) && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        return path.match(requestPath);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
