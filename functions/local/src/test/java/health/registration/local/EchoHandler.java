package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Test handler: answers 200 with the event it was given as the body, two cookies and its function name. */
public final class EchoHandler implements RequestStreamHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        context.getLogger().log("echo " + event.path("path").asText() + "\n");
        ObjectNode response = MAPPER.createObjectNode();
        response.put("statusCode", 200);
        response.putObject("headers")
                .put("Content-Type", "application/json")
                .put("X-Function-Name", context.getFunctionName());
        response.putObject("multiValueHeaders").putArray("Set-Cookie").add("a=1").add("b=2");
        response.put("body", MAPPER.writeValueAsString(event));
        response.put("isBase64Encoded", false);
        MAPPER.writeValue(output, response);
    }
}
