package health.registration.reverify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * The apps' web sites for the re-verification tests: one HTTPS server on port 443 of a loopback address of its own
 * (the prober only probes default ports), with a {@code *.example.com} certificate from a test CA, serving a pool of
 * host names ({@code <prefix>-1.example.com} …) that tests take one at a time, so that no two clients share a host
 * unless a test means them to. Every name is in the hosts file given to the prober, so nothing is ever looked up in
 * DNS and nothing but this address is contacted. What each URL answers can be changed while the tests run; every
 * request is counted per host and path.
 *
 * <p>By default a path ending in {@code /callback} answers 400 (a callback called without parameters), one ending in
 * {@code .png} a real PNG, anything else a 200 HTML page.
 */
final class ReverifySites extends Dispatcher implements AutoCloseable {

    /** What a URL answers. */
    enum Answer {
        PAGE, CALLBACK, PNG, NOT_FOUND, REDIRECT, HTML, UNAVAILABLE,
        /** Headers only after 6 s: past the prober's 5 s read timeout, so the probe times out. */
        SLOW
    }

    static final byte[] PNG_BYTES = onePixelPng();

    // MockWebServer logs every request at INFO; a strong reference keeps the quieter level.
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final String address;
    private final String prefix;
    private final int hosts;
    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger taken = new AtomicInteger();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Runnable> onFirstRequest = new ConcurrentHashMap<>();
    private Path hostsFile;
    private Path trustedCaFile;

    private ReverifySites(String address, String prefix, int hosts) {
        this.address = address;
        this.prefix = prefix;
        this.hosts = hosts;
    }

    /** Serves {@code hosts} names on {@code address}:443 and writes the hosts and CA files into {@code directory}. */
    static ReverifySites start(Path directory, String address, String prefix, int hosts) throws IOException {
        SERVER_LOG.setLevel(Level.WARNING);
        ReverifySites sites = new ReverifySites(address, prefix, hosts);
        try {
            sites.serve(directory);
            return sites;
        } catch (IOException | RuntimeException | Error failed) {
            sites.close();
            throw failed;
        }
    }

    private void serve(Path directory) throws IOException {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("reverify IT root").build();
        HeldCertificate leaf = new HeldCertificate.Builder().commonName("*.example.com")
                .addSubjectAlternativeName("*.example.com").signedBy(root).build();
        server.setDispatcher(this);
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate()).build().sslSocketFactory());
        try {
            server.start(InetAddress.getByName(address), 443);
        } catch (IOException failed) {
            throw new AssertionError("cannot listen on " + address + ":443 (" + failed + "). The prober only fetches"
                    + " default ports: run the test as root (as scripts/test and CI do) or with CAP_NET_BIND_SERVICE,"
                    + " on a system that routes all of 127.0.0.0/8 to loopback (Linux).", failed);
        }
        Files.createDirectories(directory);
        trustedCaFile = Files.writeString(directory.resolve("trusted-ca.pem"), root.certificatePem(), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        lines.add("# every name the re-verification tests probe, and nothing else");
        for (int i = 1; i <= hosts; i++) {
            lines.add(address + " " + host(i));
        }
        hostsFile = Files.write(directory.resolve("hosts"), lines, StandardCharsets.UTF_8);
    }

    private String host(int number) {
        return prefix + "-" + number + ".example.com";
    }

    /** A host name no test has taken yet. */
    String newHost() {
        int number = taken.incrementAndGet();
        if (number > hosts) {
            throw new IllegalStateException("the fixture serves only " + hosts + " host names; start it with more");
        }
        return host(number);
    }

    Path hostsFile() {
        return hostsFile;
    }

    Path trustedCaFile() {
        return trustedCaFile;
    }

    /** The server's address as a /32, for {@code PROBE_ALLOWED_CIDRS}. */
    String allowedCidrs() {
        return address + "/32";
    }

    /** From now on, {@code url} answers this way. */
    void answer(String url, Answer answer) {
        answers.put(key(url), answer);
    }

    /** Runs {@code action} when {@code url} is first requested, before it is answered. */
    void onFirstRequest(String url, Runnable action) {
        onFirstRequest.put(key(url), action);
    }

    /** Requests answered for one URL. */
    int requests(String url) {
        AtomicInteger count = requests.get(key(url));
        return count == null ? 0 : count.get();
    }

    /** Requests answered for every URL of one host. */
    int requestsToHost(String host) {
        String start = host + "/";
        return requests.entrySet().stream().filter(e -> e.getKey().startsWith(start)).mapToInt(e -> e.getValue().get()).sum();
    }

    /** Forgets every count (not the answers): what registration fetched is not what a run fetched. */
    void resetCounts() {
        requests.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getTarget().split("\\?", 2)[0];
        String key = request.getHeaders().get("Host") + path;
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Runnable first = onFirstRequest.remove(key);
        if (first != null) {
            first.run();
        }
        return respond(answers.getOrDefault(key, byPath(path)), request.getHeaders().get("Host"));
    }

    private static Answer byPath(String path) {
        if (path.endsWith("/callback")) {
            return Answer.CALLBACK;
        }
        return path.endsWith(".png") ? Answer.PNG : Answer.PAGE;
    }

    private static MockResponse respond(Answer answer, String host) {
        return switch (answer) {
            case PAGE -> typed(200, "text/html; charset=utf-8", "<!doctype html><title>app</title>");
            case CALLBACK -> typed(400, "text/plain", "missing code");
            case PNG -> new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                    .body(new Buffer().write(PNG_BYTES)).build();
            case NOT_FOUND -> typed(404, "text/plain", "not found");
            case REDIRECT -> new MockResponse.Builder().code(302).setHeader("Location", "https://" + host + "/moved")
                    .setHeader("Content-Type", "text/plain").body("moved").build();
            case HTML -> typed(200, "text/html", "<!doctype html><title>not a logo</title>");
            case UNAVAILABLE -> typed(503, "text/plain", "down for maintenance");
            case SLOW -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html").body("late")
                    .headersDelay(6, TimeUnit.SECONDS).build();
        };
    }

    private static MockResponse typed(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
    }

    /** {@code host/path} of an https URL. */
    private static String key(String url) {
        String rest = url.substring("https://".length());
        return rest.contains("/") ? rest : rest + "/";
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
