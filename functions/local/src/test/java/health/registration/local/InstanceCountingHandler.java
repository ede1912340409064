package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Test handler: counts its instances and answers with its own instance number and the event's size. */
public final class InstanceCountingHandler implements RequestStreamHandler {

    static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int number = INSTANCES.incrementAndGet();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int size = input.readAllBytes().length;
        output.write(("instance " + number + " read " + size + " bytes").getBytes(StandardCharsets.UTF_8));
    }
}
