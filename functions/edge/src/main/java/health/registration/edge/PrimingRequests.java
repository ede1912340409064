package health.registration.edge;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The built-in requests functions prime with ({@link PrimingResource}): API Gateway proxy events as the events of
 * {@code events/} carry them, a registration every open-registration rule accepts, and a Lambda context whose logger
 * drops everything.
 */
public final class PrimingRequests {

    /** A registration that passes the open dynamic-registration policy (as in {@code events/register.json}). */
    public static final String METADATA = "{\"client_name\": \"Priming App\","
            + " \"redirect_uris\": [\"https://app.example.com/callback\"],"
            + " \"client_uri\": \"https://app.example.com\", \"logo_uri\": \"https://app.example.com/logo.png\","
            + " \"contacts\": [\"mailto:developer@example.com\"], \"tos_uri\": \"https://app.example.com/terms\","
            + " \"policy_uri\": \"https://app.example.com/privacy\","
            + " \"grant_types\": [\"authorization_code\", \"refresh_token\"], \"response_types\": [\"code\"],"
            + " \"token_endpoint_auth_method\": \"client_secret_basic\", \"scope\": \"openid fhirUser launch/patient\"}";
    /** Metadata with problems of several kinds, so that the rules' refusal paths run too. */
    public static final String PROBLEMS = "{\"client_name\": \"\", \"redirect_uris\": [\"com.example.app:/cb\","
            + " \"http://127.0.0.1/cb#x\"], \"contacts\": [\"nobody\"], \"grant_types\": [\"password\"],"
            + " \"logo_uri\": \"https://xn--bcher-kva.example/logo.svg\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final LambdaLogger QUIET = new LambdaLogger() {
        @Override
        public void log(String message) {
            // Priming logs nothing per request: PrimingResource logs one line for all of them.
        }

        @Override
        public void log(byte[] message) {
            // As above.
        }
    };

    /** The Lambda context of a priming request: a fixed request id and a logger that drops everything. */
    public static final Context CONTEXT = new Context() {
        @Override public String getAwsRequestId() { return "priming"; }
        @Override public String getLogGroupName() { return "priming"; }
        @Override public String getLogStreamName() { return "priming"; }
        @Override public String getFunctionName() { return "priming"; }
        @Override public String getFunctionVersion() { return "priming"; }
        @Override public String getInvokedFunctionArn() { return "priming"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 600_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return QUIET; }
    };

    private PrimingRequests() {}

    /** A REST proxy event, as API Gateway sends it (only the members the functions read). */
    public static byte[] apiEvent(String method, String path, Map<String, String> headers,
            Map<String, String> pathParameters, String body) {
        return apiEvent(method, path, headers, pathParameters, Map.of(), body);
    }

    /** A REST proxy event with query parameters. */
    public static byte[] apiEvent(String method, String path, Map<String, String> headers,
            Map<String, String> pathParameters, Map<String, String> query, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", path);
        event.put("path", path);
        event.put("httpMethod", method);
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, value) -> {
            single.put(name, value);
            multi.putArray(name).add(value);
        });
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
        } else {
            ObjectNode queries = event.putObject("queryStringParameters");
            query.forEach(queries::put);
        }
        ObjectNode parameters = event.putObject("pathParameters");
        pathParameters.forEach(parameters::put);
        event.putObject("requestContext").put("requestId", "priming").put("httpMethod", method);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON {@code POST} to an API path. */
    public static byte[] jsonPost(String path, String body) {
        return apiEvent("POST", path, Map.of("Content-Type", "application/json"), Map.of(), body);
    }

    /** Runs a handler on an event and answers what it wrote, parsed. */
    public static JsonNode invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, CONTEXT);
        return JSON.readTree(out.toByteArray());
    }

    /** The status code of a proxy response, as text for the priming log. */
    public static String status(JsonNode proxyResponse) {
        return proxyResponse.path("statusCode").asText("?");
    }

    /** The body of a proxy response, parsed; an empty object when it has none. */
    public static JsonNode body(JsonNode proxyResponse) throws IOException {
        String body = proxyResponse.path("body").asText("");
        return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
