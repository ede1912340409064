package coldstart.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The cold-start baseline: reads the event and answers a constant, with no library beyond the Lambda interface. */
public final class HelloHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int bytes = input.readAllBytes().length;
        output.write(("{\"hello\":\"world\",\"event_bytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8));
    }
}
