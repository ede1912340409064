package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Test handler: writes JSON that API Gateway refuses as a proxy response (a body but no status). */
public final class MalformedResponseHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{\"body\":\"no status\"}".getBytes(StandardCharsets.UTF_8));
    }
}
