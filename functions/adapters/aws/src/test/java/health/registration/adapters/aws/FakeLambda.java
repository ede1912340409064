package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The Lambda Invoke API on loopback, for the prober's tests (moto runs functions only in Docker): it records every
 * {@code POST /2015-03-31/functions/{name}/invocations} and answers what the test set.
 */
final class FakeLambda implements AutoCloseable {

    static final String INVOKE_PATH_PREFIX = "/2015-03-31/functions/";
    static final String INVOKE_PATH_SUFFIX = "/invocations";

    /** One request as it arrived; {@code path} is decoded, {@code rawPath} as sent. */
    record Invocation(String method, String path, String rawPath, Map<String, List<String>> headers, String body) {}

    /** What the next invocations are answered. */
    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private volatile Answer answer = new Answer(200, Map.of(), "{}");

    private FakeLambda(HttpServer server) {
        this.server = server;
    }

    static FakeLambda start() throws IOException {
        FakeLambda lambda = new FakeLambda(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        lambda.server.createContext("/", lambda::handle);
        lambda.server.start();
        return lambda;
    }

    void answer(int status, Map<String, String> headers, String body) {
        this.answer = new Answer(status, headers, body);
    }

    List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A Lambda client for this server only. */
    LambdaClient client() {
        return clientFor(endpoint());
    }

    /** A Lambda invoker for this server only, with the test credentials in us-east-1. */
    LambdaInvoke invoker() {
        return invokerFor(http, endpoint());
    }

    /** A Lambda invoker for the endpoint over {@code http}. */
    static LambdaInvoke invokerFor(SdkHttpClient http, URI endpoint) {
        return new LambdaInvoke(http, endpoint, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    }

    /** A Lambda client for the endpoint: test credentials, and no retries, so each call is one request. */
    static LambdaClient clientFor(URI endpoint) {
        return TestEndpointClients.at(LambdaClient.builder(), endpoint);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            String path = exchange.getRequestURI().getPath();
            invocations.add(new Invocation(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            Answer current = answer;
            boolean invoke = "POST".equals(exchange.getRequestMethod()) && path.startsWith(INVOKE_PATH_PREFIX)
                    && path.endsWith(INVOKE_PATH_SUFFIX);
            if (!invoke) {
                current = new Answer(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"),
                        "{\"Type\":\"User\",\"message\":\"not an Invoke request\"}");
            }
            current.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = current.body().getBytes(UTF_8);
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        http.close();
        server.stop(0);
    }
}
