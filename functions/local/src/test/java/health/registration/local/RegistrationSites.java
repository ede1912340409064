package health.registration.local;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The web sites of the apps that registration tests register: one HTTPS server on port 443 of its own loopback
 * address, with a certificate for {@code *.example.com} from a test CA, answering as {@link FixtureSite} does
 * ({@code /callback} 400, {@code /page/…} 200, {@code /logo/logo.png} a real PNG, {@code /status/404}…). Each
 * registration takes a name of its own ({@code app1.example.com}, {@code app2.example.com}, …), all mapped to that
 * address in the hosts file, so that the prober's per-host limits (8 at once, 120 a minute) never bind. Alongside:
 * the CA's PEM for {@code PROBE_TRUSTED_CA_FILE}, the hosts file for {@code PROBE_HOSTS_FILE} and the address as a
 * {@code /32} for {@code PROBE_ALLOWED_CIDRS}.
 */
final class RegistrationSites implements AutoCloseable {

    /** The registrable domain of every host name; contacts at it match every registration's URLs. */
    static final String DOMAIN = "example.com";

    // MockWebServer logs every request at INFO; a strong reference keeps the quieter level from being collected.
    private static final Logger SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final String address;
    private final List<String> hosts;
    private final AtomicInteger taken = new AtomicInteger();
    private final MockWebServer server = new MockWebServer();
    private final FixtureSite site = new FixtureSite();
    private Path hostsFile;
    private Path trustedCaFile;

    private RegistrationSites(String address, List<String> hosts) {
        this.address = address;
        this.hosts = hosts;
    }

    /**
     * Serves the sites on {@code address}:443 and writes the CA and hosts files into {@code directory}; the hosts
     * file names {@code count} hosts, {@code <label>1.example.com} to {@code <label><count>.example.com}.
     */
    static RegistrationSites start(Path directory, String address, String label, int count) throws IOException {
        SERVER_LOG.setLevel(Level.WARNING);
        List<String> hosts = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            hosts.add(label + n + "." + DOMAIN);
        }
        RegistrationSites sites = new RegistrationSites(address, List.copyOf(hosts));
        try {
            sites.serve(directory);
            return sites;
        } catch (IOException | RuntimeException | Error failed) {
            sites.close();
            throw failed;
        }
    }

    private void serve(Path directory) throws IOException {
        HeldCertificate root = ProbeFixtureServers.authority("registration IT root");
        HeldCertificate leaf = ProbeFixtureServers.leaf(root, "*." + DOMAIN).build();
        server.setDispatcher(site);
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, root.certificate()).build()
                .sslSocketFactory());
        ProbeFixtureServers.bind(address, () -> server.start(InetAddress.getByName(address), ProbeFixtureServers.HTTPS));
        Files.createDirectories(directory);
        trustedCaFile = Files.writeString(directory.resolve("trusted-ca.pem"), root.certificatePem(), StandardCharsets.UTF_8);
        StringBuilder lines = new StringBuilder("# registration ITs: one name per registration, all on one fixture\n");
        hosts.forEach(host -> lines.append(address).append(' ').append(host).append('\n'));
        hostsFile = Files.writeString(directory.resolve("hosts"), lines, StandardCharsets.UTF_8);
    }

    /** A host name no registration has used yet. */
    String nextHost() {
        int index = taken.getAndIncrement();
        if (index >= hosts.size()) {
            throw new IllegalStateException("all " + hosts.size() + " fixture host names are taken; start with more");
        }
        return hosts.get(index);
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

    /** Requests the sites answered, on any host and path. */
    int requests() {
        return site.requests();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
