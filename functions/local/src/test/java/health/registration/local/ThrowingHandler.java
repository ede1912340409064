package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Test handler: fails every invocation. */
public final class ThrowingHandler implements RequestStreamHandler {

    static final String MESSAGE = "the test handler fails on purpose";

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException(MESSAGE);
    }
}
