package health.registration.reverify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The benchmark's web sites, in a JVM of their own so that they do not count in the measured JVM's time or memory:
 * one HTTPS server on port 443 of each of {@link BenchFleet#ADDRESSES}, a {@code *.example.com} certificate from a
 * throw-away CA, every answer after {@value #DELAY_MILLIS} ms: {@code /callback} 400 (a callback called without
 * parameters), {@code /logo.png} a real PNG, anything else a small HTML page.
 *
 * <p>{@code BenchSites <directory> <apps>} writes {@code hosts} and {@code trusted-ca.pem} there, prints
 * {@code ready}, then answers each line on standard input: {@code count} with the requests answered so far;
 * {@code quit} (or the end of input) stops the servers.
 */
public final class BenchSites extends Dispatcher {

    static final long DELAY_MILLIS = 50;

    private final AtomicLong requests = new AtomicLong();

    private BenchSites() {}

    public static void main(String[] args) throws IOException {
        Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
        Path directory = Path.of(args[0]);
        BenchFleet fleet = new BenchFleet(Integer.parseInt(args[1]));
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("reverify bench root").build();
        HeldCertificate leaf = new HeldCertificate.Builder().commonName("*.example.com")
                .addSubjectAlternativeName("*.example.com").signedBy(root).build();
        HandshakeCertificates certificates = new HandshakeCertificates.Builder()
                .heldCertificate(leaf, root.certificate()).build();
        BenchSites sites = new BenchSites();
        List<MockWebServer> servers = new ArrayList<>();
        for (String address : BenchFleet.ADDRESSES) {
            MockWebServer server = new MockWebServer();
            server.setDispatcher(sites);
            server.useHttps(certificates.sslSocketFactory());
            server.start(InetAddress.getByName(address), 443);
            servers.add(server);
        }
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("trusted-ca.pem"), root.certificatePem(), StandardCharsets.UTF_8);
        Files.write(directory.resolve("hosts"), fleet.hostsFileLines(), StandardCharsets.UTF_8);
        System.out.println("ready");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null && !command.equals("quit")) {
            if (command.equals("count")) {
                System.out.println(sites.requests.get());
                System.out.flush();
            }
        }
        for (MockWebServer server : servers) {
            server.close();
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        String path = request.getTarget().split("\\?", 2)[0];
        MockResponse.Builder answer = new MockResponse.Builder().headersDelay(DELAY_MILLIS, TimeUnit.MILLISECONDS);
        if (path.equals("/callback")) {
            return answer.code(400).setHeader("Content-Type", "text/plain").body("missing code").build();
        }
        if (path.equals("/logo.png")) {
            return answer.code(200).setHeader("Content-Type", "image/png")
                    .body(new Buffer().write(ReverifySites.PNG_BYTES)).build();
        }
        return answer.code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body("<!doctype html><title>benchmark app</title>").build();
    }
}
