package health.registration.adapters.http;

import static health.registration.adapters.http.FetcherFixture.CERTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.Cidr;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.FetchedPage;
import health.registration.core.probe.ProbeConfiguration;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeNetwork;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.UrlProbe;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring, called as the probe function calls it: the three test seams (docs/security.md, "Testing
 * without weakening the guard") are its only inputs. Every name maps to a loopback address through the hosts-file
 * seam; nothing resolves through DNS and nothing leaves the machine.
 */
class NetworkUrlProberTest {

    /** This test's loopback addresses: a fixture site, and one no range admits. */
    private static final InetAddress SITE = InetAddresses.forString("127.0.0.194");
    private static final InetAddress NOT_ADMITTED = InetAddresses.forString("127.0.0.195");
    private static final PolicyContext CONTEXT = new PolicyContext(URI.create("https://manual.example.org/register"));
    /** Long limits, so that a cap on them shows. */
    private static final ProbeLimits LIMITS = new ProbeLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(2), 16 * 1024, 1024 * 1024, 25, 4, 8, 120);

    @TempDir
    Path directory;
    private final FetcherFixture fixture = new FetcherFixture();

    @AfterEach
    void closeAll() throws Exception {
        fixture.close();
    }

    private ProbeConfiguration configuration(boolean trustTestRoot) throws Exception {
        Path hosts = Files.writeString(directory.resolve("hosts"), """
                127.0.0.194 ok.example.com app.example.com
                127.0.0.195 inside.example.com
                """, StandardCharsets.US_ASCII);
        Optional<Path> ca = Optional.empty();
        if (trustTestRoot) {
            ca = Optional.of(Files.writeString(directory.resolve("ca.pem"), CERTS.root.certificatePem(),
                    StandardCharsets.US_ASCII));
        }
        return new ProbeConfiguration(Optional.of(hosts), ca, Cidr.parseList("127.0.0.194/32").value(), false,
                FetcherFixture.USER_AGENT, LIMITS);
    }

    @Test
    void probesThroughTheHostsFileAndTheAdmittedRangeOnly() throws Exception {
        List<UrlProbe> probes = NetworkUrlProber.create(configuration(true), CONTEXT).probeUrls(List.of(
                new ProbeTarget("https://app.example.com/", FetchPurpose.PAGE),
                new ProbeTarget("https://inside.example.com/", FetchPurpose.PAGE)));

        // Nothing listens on port 443 of the site address: the probe got as far as connecting there.
        assertThat(probes.get(0).failure()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
        assertThat(probes.get(0).addresses()).containsExactly("127.0.0.194");
        assertThat(probes.get(1).failure()).as("loopback outside the admitted range").isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(probes.get(1).addresses()).containsExactly("127.0.0.195");
    }

    @Test
    void fetchesOverTlsTrustingTheConfiguredAuthorityAndNoOtherUnknownOne() throws Exception {
        MockWebServer site = fixture.server(SITE, TestCertificates.serving(CERTS.leaf("ok.example.com"), CERTS.root));
        site.enqueue(new MockResponse.Builder().body("ok").build());
        site.enqueue(new MockResponse.Builder().body("ok").build());
        FetchRequest request = new FetchRequest("https://ok.example.com:" + site.getPort() + "/", "ok.example.com",
                List.of(SITE), FetchPurpose.PAGE, 1024);

        FetchedPage page = NetworkUrlProber.network(configuration(true)).fetcher().fetch(request);
        ProbeFailure untrusted = org.assertj.core.api.Assertions.catchThrowableOfType(ProbeFailure.class,
                () -> NetworkUrlProber.network(configuration(false)).fetcher().fetch(request));

        assertThat(page.status()).isEqualTo(200);
        assertThat(untrusted.outcome()).as("without the seam, only the platform's authorities").isEqualTo(ProbeOutcome.TLS_ERROR);
    }

    @Test
    void boundsTheNetworkByTheConfiguredAddressPolicy() throws Exception {
        ProbeNetwork network = NetworkUrlProber.network(configuration(true));

        assertThat(network.addressPolicy().permits(SITE)).isTrue();
        assertThat(network.addressPolicy().permits(NOT_ADMITTED)).isFalse();
        assertThat(network.resolver().resolve("inside.example.com")).containsExactly(NOT_ADMITTED);
        assertThat(NetworkUrlProber.resolver(configuration(true)).resolve("app.example.com")).containsExactly(SITE);
    }

    @Test
    void capsEveryTimeoutOfANetworkForWaitedFetches() throws Exception {
        CountingListener silent = fixture.listener(SITE);
        FetchRequest request = new FetchRequest("http://ok.example.com:" + silent.endpoint().getPort() + "/",
                "ok.example.com", List.of(SITE), FetchPurpose.PAGE, 1024);
        ProbeNetwork capped = NetworkUrlProber.network(configuration(true), Duration.ofMillis(300));

        long start = System.nanoTime();
        ProbeFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(ProbeFailure.class,
                () -> capped.fetcher().fetch(request));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
        // Generous: the capped call ends after 0.3 s; uncapped, the first limit to end it is the 30 s read timeout.
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void refusesToStartWithATrustedCaFileThatIsNotPem() throws Exception {
        Path notPem = Files.writeString(directory.resolve("ca.pem"), "not a certificate", StandardCharsets.US_ASCII);
        ProbeConfiguration configuration = new ProbeConfiguration(Optional.empty(), Optional.of(notPem), List.of(), false,
                FetcherFixture.USER_AGENT, LIMITS);

        assertThatThrownBy(() -> NetworkUrlProber.create(configuration, CONTEXT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PROBE_TRUSTED_CA_FILE");
        assertThatThrownBy(() -> NetworkUrlProber.network(configuration)).isInstanceOf(IllegalStateException.class);
    }
}
