package health.registration.adapters.http;

import health.registration.adapters.dns.HostsFile;
import health.registration.adapters.dns.SystemNameResolver;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.Cidr;
import health.registration.core.probe.HostLimiter;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeNetwork;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.probe.RegistrationProber;
import health.registration.core.probe.UrlProber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * An HTTPS site inside the process, for SnapStart priming: it listens on a loopback address only, with a throw-away
 * certificate and authority made here, and answers every GET as a registration's sites would (a page, a PNG logo, a
 * redirect URI that wants a code). {@link #prober} is the deployed prober's whole stack (the URL rules,
 * {@link RegistrationProber}, the connect-time guard, {@link OkHttpPageFetcher} on OkHttp with TLS 1.2+ and PKIX
 * trust), with only the seams below the checks replaced (docs/security.md, "Testing without weakening the guard"):
 * every name resolves to this site's address, only that address is exempted from the public-address rule, the trust is
 * this site's authority alone, and the dialer sends the probed port 443 to this site and refuses every other endpoint.
 * So priming runs the TLS handshake and the HTTP client the first real probe would, and not one packet leaves the
 * process.
 *
 * <p>Nothing made here outlives {@link #close()}: the keys, the certificates, the trust and the client's TLS sessions
 * belong to this site's objects, and the certificates' validity is fixed (no clock reading goes into a snapshot).
 */
public final class LoopbackSite implements AutoCloseable {

    /** The address the site listens on in Lambda: loopback, inside the function's own sandbox. */
    public static final InetAddress DEFAULT_ADDRESS = InetAddress.getLoopbackAddress();

    private static final int PROBED_PORT = 443;
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final String USER_AGENT = "registration-priming (in-process)";
    /** A 1×1 PNG: what a logo_uri answers (docs/security.md, "Logos are raster images"). */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static final byte[] PAGE = "<!doctype html><title>priming</title>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_CODE = "missing code".getBytes(StandardCharsets.US_ASCII);

    private final InetAddress address;
    private final HeldCertificate authority;
    private final SSLServerSocket server;
    private final Thread acceptor;
    private final ExecutorService probeThreads;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackSite(InetAddress address) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the priming site listens on loopback only");
        }
        this.address = address;
        // An authority and a site certificate it signed, as real sites present them, so that priming runs the whole
        // PKIX path validation. Fixed validity: neither carries a reading of the clock (the class comment).
        long notBefore = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
        long notAfter = Instant.parse("2999-12-31T00:00:00Z").toEpochMilli();
        this.authority = new HeldCertificate.Builder().commonName("priming authority").certificateAuthority(0)
                .validityInterval(notBefore, notAfter).build();
        HeldCertificate site = new HeldCertificate.Builder()
                .commonName("priming")
                .addSubjectAlternativeName("*.example.com")
                .addSubjectAlternativeName("example.com")
                .validityInterval(notBefore, notAfter)
                .signedBy(authority)
                .build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder()
                .heldCertificate(site, authority.certificate()).build();
        this.server = (SSLServerSocket) serverSide.sslContext().getServerSocketFactory()
                .createServerSocket(0, 16, address);
        this.acceptor = new Thread(this::serve, "priming-site");
        acceptor.setDaemon(true);
        acceptor.start();
        this.probeThreads = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "priming-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the site on {@link #DEFAULT_ADDRESS}. */
    public static LoopbackSite start() throws IOException {
        return start(DEFAULT_ADDRESS);
    }

    /** Starts the site on a loopback address of the caller's choice (tests use their own). */
    public static LoopbackSite start(InetAddress loopback) throws IOException {
        return new LoopbackSite(loopback);
    }

    /** The deployed prober's stack aimed at this site (the class comment); it reaches nothing else. */
    public UrlProber prober(PolicyContext context) {
        ProbeLimits limits = limits();
        AddressPolicy policy = AddressPolicy.allowing(List.of(new Cidr(address, address.getAddress().length * 8)));
        SystemNameResolver resolver = new SystemNameResolver(HostsFile.empty(), limits.resolveTimeout(),
                host -> new InetAddress[] {address});
        HandshakeCertificates clientSide = new HandshakeCertificates.Builder()
                .addTrustedCertificate(authority.certificate()).build();
        OkHttpPageFetcher fetcher = new OkHttpPageFetcher(policy, clientSide.trustManager(), limits, USER_AGENT,
                dialer());
        return new RegistrationProber(new ProbeNetwork(resolver, fetcher, policy),
                new ProbeSettings(limits, false, context), new HostLimiter(8, 1_000, Clock.systemUTC()),
                probeThreads);
    }

    /** Sends the probed port of this site's address here; refuses every other endpoint. */
    Dialer dialer() {
        InetSocketAddress here = new InetSocketAddress(address, server.getLocalPort());
        return checked -> {
            if (!address.equals(checked.getAddress()) || checked.getPort() != PROBED_PORT) {
                throw new RefusedAddressException("priming dials its own loopback site only");
            }
            return here;
        };
    }

    /** TLS handshakes the site completed. */
    public int handshakes() {
        return handshakes.get();
    }

    /** HTTP requests the site answered. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket: nothing to do about a failure.
        }
        probeThreads.shutdownNow();
        try {
            acceptor.join(LIMIT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProbeLimits limits() {
        ProbeLimits defaults = ProbeLimits.defaults();
        return new ProbeLimits(LIMIT, LIMIT, LIMIT, LIMIT, defaults.maxPageBytes(), defaults.maxLogoBytes(),
                defaults.maxUrlsPerRegistration(), defaults.maxInFlight(), defaults.maxInFlightPerHost(),
                defaults.maxPerHostPerMinute());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout((int) LIMIT.toMillis());
                SSLSocket tls = (SSLSocket) accepted;
                tls.startHandshake();
                handshakes.incrementAndGet();
                answer(tls.getInputStream(), tls.getOutputStream());
            } catch (SocketException closed) {
                // The site was closed, or a client went away: the loop checks which.
            } catch (IOException | RuntimeException failed) {
                // One bad connection (a handshake the client gave up on): serve the next.
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        String path = requestPath(in);
        if (path == null) {
            return;
        }
        requests.incrementAndGet();
        int status = path.startsWith("/callback") ? 400 : 200;
        String type = path.endsWith(".png") ? "image/png" : status == 400 ? "text/plain" : "text/html";
        byte[] body = path.endsWith(".png") ? PNG : status == 400 ? NO_CODE : PAGE;
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Bad Request") + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** The path of the request line, after reading the request's head; null when the client sent none. */
    private static String requestPath(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length && head.size() < 16_384) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
        String[] requestLine = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0].split(" ");
        return requestLine.length >= 2 ? requestLine[1] : null;
    }
}
