package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.issuance.Probing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Test handler shaped like an issuing function: answers how it was built, as Lambda builds it or with a probing. */
public final class ProbingHandler implements RequestStreamHandler {

    private final String wiring;

    public ProbingHandler() {
        this.wiring = "lambda";
    }

    public ProbingHandler(Probing probing) {
        this.wiring = "probing " + probing.getClass().getSimpleName();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(wiring.getBytes(StandardCharsets.UTF_8));
    }
}
