package health.registration.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of the local API: each message becomes one line on the console, prefixed with the
 * function and request, where Lambda would send it to CloudWatch Logs.
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
        String line = message == null ? "null" : message.stripTrailing();
        synchronized (out) {
            out.println(prefix + line);
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void log(String message, LogLevel level) {
        log(level + " " + message);
    }
}
