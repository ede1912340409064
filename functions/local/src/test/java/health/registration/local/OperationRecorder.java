package health.registration.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A pass-through in front of the emulator for one AWS service's JSON API (such as Secrets Manager, through
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}): forwards every request to the emulator as it came and counts the
 * operations by their {@code X-Amz-Target} and whether the secret they name ({@code SecretId} or {@code Name}) is a
 * client secret (under the given prefix), so an end-to-end test can say which calls the local API made. It keeps no
 * request or answer body.
 */
final class OperationRecorder implements AutoCloseable {

    /** Headers the JDK's client sets itself and refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final java.util.regex.Pattern SECRET =
            java.util.regex.Pattern.compile("\"(?:SecretId|Name)\"\\s*:\\s*\"([^\"]*)\"");

    private final Map<String, Integer> operations = new ConcurrentHashMap<>();
    private volatile String clientSecretPrefix;
    private volatile boolean recording;

    private OperationRecorder(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Starts forwarding to {@code target} (the emulator's endpoint), recording nothing until {@link #start}. */
    static OperationRecorder in(URI target) throws IOException {
        return new OperationRecorder(target);
    }

    /** Where the local API should send the service's requests. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Records from now on; secrets named under {@code clientSecretPrefix} count as client secrets. */
    void start(String clientSecretPrefix) {
        this.clientSecretPrefix = clientSecretPrefix;
        recording = true;
    }

    void stop() {
        recording = false;
    }

    /**
     * The operations recorded while on, with how many of each, by what they named: {@code CreateSecret client
     * secret=12}, {@code GetSecretValue other secret=1}.
     */
    Map<String, Integer> operations() {
        return new TreeMap<>(operations);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (recording) {
                java.util.regex.Matcher named = SECRET.matcher(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                String kind = named.find() && named.group(1).startsWith(clientSecretPrefix) ? "client secret"
                        : "other secret";
                operations.merge((operation == null ? "(none)" : operation.substring(operation.indexOf('.') + 1))
                        + " " + kind, 1, Integer::sum);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
