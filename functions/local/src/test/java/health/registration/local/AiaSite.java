package health.registration.local;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The plain-http site of {@link UdapTestPki#AIA_HOST} on port 80 of one loopback address: the DER certificates a
 * CA publishes for Authority Information Access (RFC 5280 §4.2.2.1), by path; any other path answers 404. Counts the
 * requests for each path, so a test can see what the service fetched and what it took from its cache.
 */
final class AiaSite implements AutoCloseable {

    static final int HTTP = 80;

    // MockWebServer logs every request at INFO; a strong reference keeps the quieter level from being collected.
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final Map<String, byte[]> certificates;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final MockWebServer server = new MockWebServer();

    private AiaSite(Map<String, byte[]> certificates) {
        this.certificates = Map.copyOf(certificates);
    }

    /** Serves {@code certificates} (DER, by path) on {@code address}:80. */
    static AiaSite start(String address, Map<String, byte[]> certificates) throws IOException {
        SERVER_LOG.setLevel(Level.WARNING);
        AiaSite site = new AiaSite(certificates);
        site.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return site.answer(request);
            }
        });
        ProbeFixtureServers.bind(address, () -> site.server.start(InetAddress.getByName(address), HTTP));
        return site;
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getTarget().split("\\?", 2)[0];
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        byte[] der = certificates.get(path);
        return der == null
                ? new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("no such certificate").build()
                : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pkix-cert")
                        .body(new Buffer().write(der)).build();
    }

    /** Requests for one path. */
    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
