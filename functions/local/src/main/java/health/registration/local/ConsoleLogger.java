package health.registration.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of the local API, where Lambda would send lines to CloudWatch Logs: a line with a level
 * (edge's {@code RequestLog}: one JSON object, already naming the function and both request ids) is printed as it is,
 * the same line Lambda's log group would hold (docs/operations/logging.md); a line without one is prefixed with the
 * function and request.
 */
public final class ConsoleLogger implements LambdaLogger {

    private final PrintStream out;
    private final String prefix;

    public ConsoleLogger(PrintStream out, String functionName, String requestId) {
        this.out = out;
        this.prefix = "[" + functionName + " " + requestId + "] ";
    }

    @Override
    public void log(String message) {
        // Handlers end messages with a newline as CloudWatch wants; println adds its own.
        print(prefix + (message == null ? "null" : message.stripTrailing()));
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        log(level + " " + message);
    }

    /** As Lambda's runtime writes {@code log(byte[], LogLevel)}: the bytes unchanged, one line. */
    @Override
    public void log(byte[] message, LogLevel level) {
        print(new String(message, StandardCharsets.UTF_8).stripTrailing());
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }
}
