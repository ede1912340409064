package health.registration.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The sites the probe function is pointed at, all on port 443 of their own loopback address (the URL rules allow only
 * default ports, so nothing else could be probed): a good certificate for many names, an expired one, one for
 * another host, and one from a CA the prober does not trust. Alongside: the test CA's PEM for
 * {@code PROBE_TRUSTED_CA_FILE}, the hosts file for {@code PROBE_HOSTS_FILE}, the {@code /32} ranges for
 * {@code PROBE_ALLOWED_CIDRS}, and a listener on 127.0.0.1:443 that only counts connections, for names mapped to the
 * loopback address that stays refused.
 */
final class ProbeFixtureServers implements AutoCloseable {

    static final int HTTPS = 443;
    static final String GOOD = "127.0.0.21";
    static final String EXPIRED = "127.0.0.22";
    static final String WRONG_HOST = "127.0.0.23";
    static final String UNKNOWN_CA = "127.0.0.24";
    /** Not in PROBE_ALLOWED_CIDRS: a name that resolves here must be refused before any connection. */
    static final String REFUSED_LOOPBACK = "127.0.0.1";

    /** Names the good certificate covers, all mapped to {@link #GOOD}; each test group probes its own name. */
    static final String OK_HOST = "ok.example.com";
    static final String STATUS_HOST = "status.example.com";
    static final String LOGO_HOST = "logo.example.com";
    static final String SLOW_HOST = "slow.example.com";
    static final String EXPIRED_HOST = "expired.example.com";
    static final String WRONG_HOST_HOST = "wronghost.example.com";
    static final String UNKNOWN_CA_HOST = "unknownca.example.com";
    static final String PRIVATE_HOST = "private.example.com";

    // MockWebServer logs every request at INFO; a strong reference keeps the quieter level from being collected.
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final Map<String, FixtureSite> sitesByAddress = new LinkedHashMap<>();
    private final List<MockWebServer> servers = new ArrayList<>();
    private ServerSocketChannel loopbackListener;
    private int loopbackAccepted;
    private Path hostsFile;
    private Path trustedCaFile;

    private ProbeFixtureServers() {}

    /** Binds every server and the loopback listener, and writes the CA and hosts files into {@code directory}. */
    static ProbeFixtureServers start(Path directory) throws IOException {
        SERVER_LOG.setLevel(Level.WARNING);
        ProbeFixtureServers fixtures = new ProbeFixtureServers();
        try {
            fixtures.startAll(directory);
            return fixtures;
        } catch (IOException | RuntimeException | Error failed) {
            fixtures.close();
            throw failed;
        }
    }

    private void startAll(Path directory) throws IOException {
        HeldCertificate root = authority("probe IT root");
        HeldCertificate unknownRoot = authority("probe IT root the prober does not trust");
        Instant now = Instant.now();
        serve(GOOD, leaf(root, OK_HOST, STATUS_HOST, LOGO_HOST, SLOW_HOST).build(), root);
        serve(EXPIRED, leaf(root, EXPIRED_HOST).validityInterval(now.minus(Duration.ofDays(30)).toEpochMilli(),
                now.minus(Duration.ofDays(1)).toEpochMilli()).build(), root);
        serve(WRONG_HOST, leaf(root, "another-host.example.net").build(), root);
        serve(UNKNOWN_CA, leaf(unknownRoot, UNKNOWN_CA_HOST).build(), unknownRoot);
        loopbackListener = ServerSocketChannel.open();
        bind(REFUSED_LOOPBACK, () -> loopbackListener.bind(new InetSocketAddress(InetAddress.getByName(REFUSED_LOOPBACK), HTTPS)));
        loopbackListener.configureBlocking(false);
        Files.createDirectories(directory);
        // Only the good root: the unknown-CA server's root must stay untrusted.
        trustedCaFile = Files.writeString(directory.resolve("trusted-ca.pem"), root.certificatePem(), StandardCharsets.UTF_8);
        hostsFile = Files.writeString(directory.resolve("hosts"), String.join("\n",
                "# ProbeThroughLocalApiIT: every name the test probes, and nothing else",
                GOOD + " " + String.join(" ", OK_HOST, STATUS_HOST, LOGO_HOST, SLOW_HOST),
                EXPIRED + " " + EXPIRED_HOST,
                WRONG_HOST + " " + WRONG_HOST_HOST,
                UNKNOWN_CA + " " + UNKNOWN_CA_HOST,
                REFUSED_LOOPBACK + " " + PRIVATE_HOST, ""), StandardCharsets.UTF_8);
    }

    Path hostsFile() {
        return hostsFile;
    }

    Path trustedCaFile() {
        return trustedCaFile;
    }

    /** Exactly the fixture servers' addresses, each as a /32; never 127.0.0.1. */
    String allowedCidrs() {
        return sitesByAddress.keySet().stream().map(address -> address + "/32").collect(Collectors.joining(","));
    }

    /** The site served on one of the fixture addresses. */
    FixtureSite site(String address) {
        return sitesByAddress.get(address);
    }

    /** Requests answered by every fixture server together. */
    int totalRequests() {
        return sitesByAddress.values().stream().mapToInt(FixtureSite::requests).sum();
    }

    /**
     * Connections made to 127.0.0.1:443 so far. A connect returns once the connection sits in the accept queue, so
     * draining it after the probe has answered finds every connection the probe made.
     */
    int loopbackAccepts() throws IOException {
        SocketChannel connection;
        while ((connection = loopbackListener.accept()) != null) {
            connection.close();
            loopbackAccepted++;
        }
        return loopbackAccepted;
    }

    private void serve(String address, HeldCertificate leaf, HeldCertificate issuer) throws IOException {
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(leaf, issuer.certificate()).build();
        MockWebServer server = new MockWebServer();
        servers.add(server);
        FixtureSite site = new FixtureSite();
        server.setDispatcher(site);
        server.useHttps(certificates.sslSocketFactory());
        bind(address, () -> server.start(InetAddress.getByName(address), HTTPS));
        sitesByAddress.put(address, site);
    }

    static HeldCertificate authority(String name) {
        return new HeldCertificate.Builder().certificateAuthority(0).commonName(name).build();
    }

    static HeldCertificate.Builder leaf(HeldCertificate issuer, String... names) {
        HeldCertificate.Builder leaf = new HeldCertificate.Builder().commonName(names[0]).signedBy(issuer);
        for (String name : names) {
            leaf.addSubjectAlternativeName(name);
        }
        return leaf;
    }

    /** A bind that fails says why the test cannot run; the test never skips, since the prober only dials 443. */
    static void bind(String address, Binding binding) {
        try {
            binding.bind();
        } catch (IOException failed) {
            throw new AssertionError("cannot listen on " + address + ":" + HTTPS + " (" + failed + "). The prober"
                    + " only fetches default ports, so the fixture sites must listen on 443 of their own loopback"
                    + " address: run the test as root (as here and in CI) or with CAP_NET_BIND_SERVICE, on a system"
                    + " that routes all of 127.0.0.0/8 to loopback (Linux), with nothing else on those ports.", failed);
        }
    }

    @FunctionalInterface
    interface Binding {
        void bind() throws IOException;
    }

    @Override
    public void close() throws IOException {
        for (MockWebServer server : servers) {
            server.close();
        }
        if (loopbackListener != null) {
            loopbackListener.close();
        }
    }
}
