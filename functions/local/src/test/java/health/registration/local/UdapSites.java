package health.registration.local;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;

/**
 * The HTTPS fixture of {@link UdapRegistrationIT}, on port 443 of one loopback address with a {@code *.example.com}
 * certificate from a test CA: the CRLs of {@link UdapTestPki} on {@link UdapTestPki#CRL_HOST} (DER, by path; any other
 * CRL path answers 404), and the registrations' sites on {@code udap1.example.com}, {@code udap2.example.com}, …,
 * answered by a {@link FixtureSite}, except ownership challenges ({@code /.well-known/udap-certificate-challenge/…}),
 * which answer what a test serves with {@link #serveChallenge} and 404 otherwise. Alongside: the CA's PEM for {@code PROBE_TRUSTED_CA_FILE}, the hosts file for
 * {@code PROBE_HOSTS_FILE} and the address as a {@code /32} for {@code PROBE_ALLOWED_CIDRS}.
 */
final class UdapSites implements AutoCloseable {

    static final String DOMAIN = "example.com";
    static final String CHALLENGE_PATH = "/.well-known/udap-certificate-challenge/";

    // MockWebServer logs every request at INFO; a strong reference keeps the quieter level from being collected.
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final String address;
    private final Map<String, byte[]> crls;
    private final List<String> hosts = new ArrayList<>();
    private final AtomicInteger taken = new AtomicInteger();
    private final Map<String, AtomicInteger> crlRequests = new ConcurrentHashMap<>();
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> challengeRequests = new ConcurrentHashMap<>();
    private final FixtureSite site = new FixtureSite();
    private final MockWebServer server = new MockWebServer();
    private Path hostsFile;
    private Path trustedCaFile;

    private UdapSites(String address, Map<String, byte[]> crls) {
        this.address = address;
        this.crls = Map.copyOf(crls);
    }

    /** Serves on {@code address}:443 and writes the CA and hosts files into {@code directory}. */
    static UdapSites start(Path directory, String address, int hostCount, Map<String, byte[]> crls) throws IOException {
        SERVER_LOG.setLevel(Level.WARNING);
        UdapSites sites = new UdapSites(address, crls);
        try {
            sites.serve(directory, hostCount);
            return sites;
        } catch (IOException | RuntimeException | Error failed) {
            sites.close();
            throw failed;
        }
    }

    private void serve(Path directory, int hostCount) throws IOException {
        HeldCertificate root = ProbeFixtureServers.authority("UDAP IT fixture root");
        HeldCertificate leaf = ProbeFixtureServers.leaf(root, "*." + DOMAIN).build();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate()).build()
                .sslSocketFactory());
        ProbeFixtureServers.bind(address, () -> server.start(InetAddress.getByName(address), ProbeFixtureServers.HTTPS));
        Files.createDirectories(directory);
        trustedCaFile = Files.writeString(directory.resolve("trusted-ca.pem"), root.certificatePem(), StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder("# UdapRegistrationIT: the CRL host and one name per registration\n");
        lines.append(address).append(' ').append(UdapTestPki.CRL_HOST).append('\n');
        for (int n = 1; n <= hostCount; n++) {
            hosts.add("udap" + n + "." + DOMAIN);
            lines.append(address).append(' ').append(hosts.get(n - 1)).append('\n');
        }
        hostsFile = Files.writeString(directory.resolve("hosts"), lines, StandardCharsets.UTF_8);
    }

    /** A CRL by path on the CRL host (404 when unknown); any other host is a registration's site. */
    private MockResponse answer(RecordedRequest request) {
        String path = request.getTarget().split("\\?", 2)[0];
        String host = String.valueOf(request.getHeaders().get("Host"));
        if (host.equalsIgnoreCase(UdapTestPki.CRL_HOST)) {
            crlRequests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] crl = crls.get(path);
            return crl == null
                    ? new MockResponse.Builder().code(404).setHeader("Content-Type", "text/plain").body("no such CRL").build()
                    : new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pkix-crl")
                            .body(new Buffer().write(crl)).build();
        }
        if (path.startsWith(CHALLENGE_PATH)) {
            String url = "https://" + host.toLowerCase(java.util.Locale.ROOT) + path;
            challengeRequests.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
            String body = challenges.get(url);
            return new MockResponse.Builder().code(body == null ? 404 : 200).setHeader("Content-Type", "text/plain")
                    .body(body == null ? "no such challenge" : body).build();
        }
        return site.dispatch(request);
    }

    /** Serves {@code body} at the challenge URL ({@code https://<host>/.well-known/udap-certificate-challenge/…}). */
    void serveChallenge(String url, String body) {
        challenges.put(url, body);
    }

    /** Requests for one challenge URL. */
    int challengeRequests(String url) {
        AtomicInteger count = challengeRequests.get(url);
        return count == null ? 0 : count.get();
    }

    /** A host name no registration has used yet. */
    String nextHost() {
        int index = taken.getAndIncrement();
        if (index >= hosts.size()) {
            throw new IllegalStateException("all " + hosts.size() + " fixture host names are taken; start with more");
        }
        return hosts.get(index);
    }

    /** Requests for one path of the CRL host. */
    int crlRequests(String path) {
        AtomicInteger count = crlRequests.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests the registrations' sites answered, on any host and path. */
    int siteRequests() {
        return site.requests();
    }

    Path hostsFile() {
        return hostsFile;
    }

    Path trustedCaFile() {
        return trustedCaFile;
    }

    /** The fixture's address alone, as a /32: never 127.0.0.1. */
    String allowedCidrs() {
        return address + "/32";
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
