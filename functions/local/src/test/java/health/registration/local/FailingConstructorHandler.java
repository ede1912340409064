package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handler: its constructor fails, as a handler missing its configuration does, and counts its attempts. */
public final class FailingConstructorHandler implements RequestStreamHandler {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final String MESSAGE = "MANUAL_REGISTRATION_URL must be set (test)";

    public FailingConstructorHandler() {
        ATTEMPTS.incrementAndGet();
        throw new IllegalStateException(MESSAGE);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never built, so never called");
    }
}
