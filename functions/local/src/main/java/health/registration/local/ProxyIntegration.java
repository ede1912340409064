package health.registration.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * API Gateway's Lambda proxy integration over HTTP: routes each request, turns it into a proxy event, runs the
 * function's handler and writes its proxy response back, or answers as the gateway itself would.
 */
public final class ProxyIntegration implements HttpHandler {

    /** Framing is the HTTP server's job; a handler's values for these would corrupt the response. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-length", "transfer-encoding", "connection");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RouteTable routes;
    private final GatewayResponses gateway;
    private final OperatorGuard guard;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * Handlers are loaded by the current thread's context class loader. Log lines of handlers and of each request go
     * to {@code out}; handler failures go to {@code err}. {@code guard} stands in for AWS_IAM under {@code /operator/};
     * {@code gateway} gives the answers API Gateway makes itself.
     */
    public ProxyIntegration(RouteTable routes, GatewayResponses gateway, OperatorGuard guard, Clock clock, PrintStream out,
                            PrintStream err) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        this.routes = routes;
        this.gateway = gateway;
        this.guard = guard;
        this.clock = clock;
        this.out = out;
        this.err = err;
        for (Route route : routes.routes()) {
            pools.computeIfAbsent(route.function().logicalId(), id -> new FunctionPool(route.function(), classLoader));
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant received = clock.instant();
            String requestId = UUID.randomUUID().toString();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            ProxyResponse response = answer(exchange, method, path, requestId, received);
            send(exchange, response, requestId);
            out.println(method + " " + path + " -> " + response.statusCode() + " ("
                    + Duration.between(received, clock.instant()).toMillis() + " ms, requestId " + requestId + ")");
        }
    }

    private ProxyResponse answer(HttpExchange exchange, String method, String path, String requestId, Instant received)
            throws IOException {
        Optional<RouteTable.Match> match = routes.find(method, path);
        if (match.isEmpty()) {
            return gateway.answer(GatewayResponse.MISSING_AUTHENTICATION_TOKEN);
        }
        Optional<byte[]> body = RequestBody.read(exchange.getRequestBody(), RequestBody.MAX_BYTES);
        if (body.isEmpty()) {
            return gateway.answer(GatewayResponse.REQUEST_TOO_LONG);
        }
        Map<String, List<String>> headers = forwardedHeaders(exchange);
        String caller = null;
        if (OperatorGuard.guards(path) || OperatorGuard.guards(match.get().route().path().toString())) {
            OperatorGuard.Decision decision = guard.decide(headers);
            if (decision instanceof OperatorGuard.Decision.Refused refused) {
                return refused.answer();
            }
            caller = ((OperatorGuard.Decision.Admitted) decision).caller();
            // The local token stands in for a SigV4 signature; it goes no further than the guard.
            removeIgnoringCase(headers, "Authorization");
        }
        IncomingRequest request = new IncomingRequest(method, path, exchange.getRequestURI().getRawQuery(),
                headers, body.get(), sourceIp(exchange), exchange.getProtocol());
        return invoke(match.get(), ProxyEvent.of(request, match.get(), requestId, received, caller), requestId);
    }

    private ProxyResponse invoke(RouteTable.Match match, ObjectNode event, String requestId) {
        FunctionPool pool = pools.get(match.route().function().logicalId());
        FunctionDefinition function = pool.function();
        try {
            return ProxyResponse.parse(pool.invoke(MAPPER.writeValueAsBytes(event), () -> new InvocationContext(
                    function, requestId, clock, new ConsoleLogger(out, function.logicalId(), requestId))));
        } catch (Exception | LinkageError failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // API Gateway hides the cause from the caller; the developer sees it here, as in CloudWatch.
            synchronized (err) {
                err.println(function.logicalId() + " (" + function.handler() + ") failed on requestId " + requestId + ":");
                failure.printStackTrace(err);
            }
            return gateway.answer(GatewayResponse.INTERNAL_SERVER_ERROR);
        }
    }

    /** The client's headers plus the {@code X-Forwarded-*} ones API Gateway adds. */
    private static Map<String, List<String>> forwardedHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        List<String> forwardedFor = removeIgnoringCase(headers, "X-Forwarded-For");
        String chain = forwardedFor.isEmpty() ? "" : String.join(", ", forwardedFor) + ", ";
        headers.put("X-Forwarded-For", List.of(chain + sourceIp(exchange)));
        removeIgnoringCase(headers, "X-Forwarded-Port");
        headers.put("X-Forwarded-Port", List.of(Integer.toString(exchange.getLocalAddress().getPort())));
        removeIgnoringCase(headers, "X-Forwarded-Proto");
        headers.put("X-Forwarded-Proto", List.of("http"));
        return headers;
    }

    private static List<String> removeIgnoringCase(Map<String, List<String>> headers, String name) {
        List<String> removed = new ArrayList<>();
        for (Iterator<Map.Entry<String, List<String>>> it = headers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<String>> header = it.next();
            if (header.getKey().equalsIgnoreCase(name)) {
                removed.addAll(header.getValue());
                it.remove();
            }
        }
        return removed;
    }

    private static String sourceIp(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private static void send(HttpExchange exchange, ProxyResponse response, String requestId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, new ArrayList<>(values));
            }
        });
        if (!headers.containsKey("Content-Type")) {
            headers.set("Content-Type", "application/json");
        }
        headers.set("x-amzn-RequestId", requestId);
        byte[] body = response.body();
        boolean bodiless = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || response.statusCode() == 204 || response.statusCode() == 304;
        exchange.sendResponseHeaders(response.statusCode(), bodiless ? -1 : body.length);
        if (!bodiless) {
            exchange.getResponseBody().write(body);
        }
    }
}
