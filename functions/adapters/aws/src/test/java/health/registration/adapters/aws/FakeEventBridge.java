package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge PutEvents API on loopback, for what moto cannot be made to do (refuse some entries of a valid
 * request): it records every request body and accepts every entry, or refuses the first entry of each request once
 * told to, with an error message quoting it as EventBridge may.
 */
final class FakeEventBridge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile String refusal;

    private FakeEventBridge(HttpServer server) {
        this.server = server;
    }

    static FakeEventBridge start() throws IOException {
        FakeEventBridge bus = new FakeEventBridge(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        bus.server.createContext("/", bus::handle);
        bus.server.start();
        return bus;
    }

    /** From now on, the first entry of every request is refused with this error code. */
    void refuseFirstEntries(String errorCode) {
        this.refusal = errorCode;
    }

    /** The bodies of the PutEvents requests received, in order. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** A client for this server: test credentials, and no retries, so each call is one request. */
    EventBridgeClient client() {
        return clientFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    static EventBridgeClient clientFor(URI endpoint) {
        return TestEndpointClients.at(EventBridgeClient.builder(), endpoint);
    }

    /** PutEvents for this server, with the test credentials in us-east-1. */
    EventBridgePutEvents putEvents() {
        return putEventsFor(http, URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    static EventBridgePutEvents putEventsFor(SdkHttpClient http, URI endpoint) {
        return new EventBridgePutEvents(http, endpoint, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode results = answer.putArray("Entries");
            int failed = 0;
            for (JsonNode entry : request.path("Entries")) {
                if (refusal != null && failed == 0) {
                    failed++;
                    results.addObject().put("ErrorCode", refusal)
                            .put("ErrorMessage", "Entry refused: " + entry.path("Detail").asText());
                } else {
                    results.addObject().put("EventId", "event-" + requests.size() + "-" + results.size());
                }
            }
            answer.put("FailedEntryCount", failed);
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        http.close();
        server.stop(0);
    }
}
