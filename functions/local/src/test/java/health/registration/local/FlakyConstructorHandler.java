package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handler: its first construction fails, as a start during an outage does; later ones succeed. */
public final class FlakyConstructorHandler implements RequestStreamHandler {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final String MESSAGE = "the first start fails (test)";

    private final int attempt;

    public FlakyConstructorHandler() {
        attempt = ATTEMPTS.incrementAndGet();
        if (attempt == 1) {
            throw new IllegalStateException(MESSAGE);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("built on attempt " + attempt).getBytes(StandardCharsets.UTF_8));
    }
}
