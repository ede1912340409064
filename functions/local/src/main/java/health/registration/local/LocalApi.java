package health.registration.local;

import com.sun.net.httpserver.HttpServer;
import health.registration.core.connector.AuthorizationServerUnavailable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The local API: every {@code Api} route of a SAM template served over HTTP on 127.0.0.1, each request handed to
 * the real handler as API Gateway would hand it. {@code scripts/local-api} runs {@link #main}; tests call
 * {@link #start} with port 0 and ask {@link #port()} which port was bound.
 */
public final class LocalApi implements AutoCloseable {

    /** Environment variable with the port to listen on. */
    public static final String PORT = "PORT";
    public static final int DEFAULT_PORT = 3000;
    /** The template read when no argument names one, relative to the working directory. */
    public static final Path DEFAULT_TEMPLATE = Path.of("infrastructure", "template.yaml");

    /**
     * Requests handled at once, across all functions; more wait for a thread. Each function runs up to
     * {@link FunctionPool#MAX_CONTAINERS} of them at once, so this leaves room for several functions to be busy.
     */
    private static final int WORKER_THREADS = 64;
    private static final int BACKLOG = 64;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<Route> routes;

    private LocalApi(HttpServer server, ExecutorService workers, List<Route> routes) {
        this.server = server;
        this.workers = workers;
        this.routes = routes;
    }

    /**
     * Serves the template's routes on {@code port} (0 for any free one), logging to the console, with the operator
     * routes off.
     */
    public static LocalApi start(Path template, int port) throws IOException {
        return start(template, port, System.out, System.err);
    }

    /** As {@link #start(Path, int)}, with handler logs and request lines to {@code out}, failures to {@code err}. */
    public static LocalApi start(Path template, int port, PrintStream out, PrintStream err) throws IOException {
        return start(template, port, OperatorGuard.of(null), out, err);
    }

    /**
     * As {@link #start(Path, int, PrintStream, PrintStream)}, with the operator routes (everything under
     * {@code /operator/}) behind {@code guard} in place of AWS_IAM.
     */
    public static LocalApi start(Path template, int port, OperatorGuard guard, PrintStream out, PrintStream err)
            throws IOException {
        SamTemplate sam = SamTemplate.read(template);
        List<Route> routes = sam.routes();
        ProxyIntegration integration = new ProxyIntegration(new RouteTable(routes), GatewayResponses.of(sam.gatewayResponses()),
                guard, Clock.systemUTC(), out, err);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port), BACKLOG);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
        server.createContext("/", integration);
        server.setExecutor(workers);
        server.start();
        return new LocalApi(server, workers, routes);
    }

    /** The port actually bound, which differs from the one asked for when that was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** E.g. {@code http://127.0.0.1:3000}, without a trailing slash. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /** The routes served, in template order. */
    public List<Route> routes() {
        return routes;
    }

    /** The line printed once listening, which scripts wait for. */
    public String banner() {
        String list = routes.stream().map(Route::toString).collect(Collectors.joining(", "));
        return "Local API listening on " + baseUri() + " (routes: " + list + ")";
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /**
     * {@code java -jar local-api.jar [template.yaml]}, port from {@code PORT}, the operator routes' bearer token from
     * {@code OPERATOR_LOCAL_TOKEN} (unset: those routes are off). Before serving, creates the template's tables and
     * the Idempotency-Key pepper in the emulator at {@code AWS_ENDPOINT_URL} ({@link EmulatorTables},
     * {@link EmulatorSecrets}); when {@code KEYCLOAK_BASE_URL} is set, delivers the change events to that Keycloak
     * ({@link LocalKeycloakDelivery}). Exits with 1 when it cannot serve or cannot create them.
     */
    public static void main(String[] args) {
        Path template = args.length > 0 ? Path.of(args[0]) : DEFAULT_TEMPLATE;
        try {
            int port = port(System.getenv(PORT));
            OperatorGuard guard = OperatorGuard.of(System.getenv(OperatorGuard.TOKEN_VARIABLE));
            EmulatorTables.prepare(SamTemplate.read(template), System.getenv(), System.err);
            EmulatorSecrets.prepare(System.getenv(), System.err);
            LocalKeycloakDelivery.start(System.getenv(), System.err).ifPresent(delivery -> Runtime.getRuntime()
                    .addShutdownHook(new Thread(delivery::close, "local-keycloak-connector-shutdown")));
            LocalApi api = start(template, port, guard, System.out, System.err);
            Runtime.getRuntime().addShutdownHook(new Thread(api::close, "local-api-shutdown"));
            System.err.println("local-api: " + guard.state());
            System.out.println(api.banner());
            System.out.flush();
        } catch (IOException | IllegalArgumentException | SdkException | AuthorizationServerUnavailable e) {
            System.err.println("local-api: cannot serve " + template + ": " + e);
            System.exit(1);
        }
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the other invalid values.
        }
        throw new IllegalArgumentException(PORT + " must be a port number from 0 to 65535, not " + value);
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "local-api-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
