package health.registration.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackSiteTest {

    /** This test's own loopback address; the site in Lambda listens on 127.0.0.1. */
    private static final InetAddress LOOPBACK = InetAddresses.forString("127.0.0.161");
    private static final PolicyContext CONTEXT = new PolicyContext(URI.create("https://manual.example.org/register"));

    @Test
    void theProberReachesTheSiteOverTlsForEveryUrlOfARegistration() throws Exception {
        ObjectNode metadata = (ObjectNode) new ObjectMapper().readTree("{\"client_name\": \"Priming App\","
                + " \"redirect_uris\": [\"https://app.example.com/callback\"],"
                + " \"client_uri\": \"https://app.example.com\", \"logo_uri\": \"https://app.example.com/logo.png\","
                + " \"tos_uri\": \"https://app.example.com/terms\", \"policy_uri\": \"https://app.example.com/privacy\"}");
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            ProbeReport report = site.prober(CONTEXT).probe(ClientMetadata.of(metadata));

            assertThat(report.results()).hasSize(5).allSatisfy(result -> {
                assertThat(result.verdict()).as(result.pointer()).isEqualTo(ProbeVerdict.PASS);
                assertThat(result.addresses()).containsExactly("127.0.0.161");
            });
            // One handshake and one request per URL: the TLS and HTTP client paths ran, every time.
            assertThat(site.handshakes()).isEqualTo(5);
            assertThat(site.requests()).isEqualTo(5);
        }
    }

    @Test
    void targetsAreFetchedThroughTheSameStack() throws Exception {
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            List<UrlProbe> probes = site.prober(CONTEXT).probeUrls(List.of(
                    new ProbeTarget("https://app.example.com", FetchPurpose.PAGE),
                    new ProbeTarget("https://app.example.com/logo.png", FetchPurpose.IMAGE)));

            assertThat(probes).extracting(UrlProbe::httpStatus).containsExactly(200, 200);
            assertThat(site.requests()).isEqualTo(2);
        }
    }

    @Test
    void theDialerSendsNothingAnywhereButTheSite() throws Exception {
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            Dialer dialer = site.dialer();

            assertThat(dialer.route(new InetSocketAddress(LOOPBACK, 443)).getAddress()).isEqualTo(LOOPBACK);
            for (InetSocketAddress elsewhere : List.of(new InetSocketAddress("11.22.33.44", 443),
                    new InetSocketAddress(LOOPBACK, 80), new InetSocketAddress("127.0.0.1", 443))) {
                assertThatThrownBy(() -> dialer.route(elsewhere)).isInstanceOf(RefusedAddressException.class);
            }
        }
    }

    @Test
    void aUrlOnAnotherAddressIsRefusedBeforeAnyConnection() throws Exception {
        ObjectNode metadata = (ObjectNode) new ObjectMapper().readTree(
                "{\"redirect_uris\": [\"https://app.example.com/callback\"], \"client_uri\": \"https://11.22.33.44/\"}");
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            ProbeReport report = site.prober(CONTEXT).probe(ClientMetadata.of(metadata));

            assertThat(report.results()).filteredOn(result -> result.pointer().equals("/client_uri"))
                    .extracting(ProbeResult::verdict).doesNotContain(ProbeVerdict.PASS);
            assertThat(site.requests()).isEqualTo(1);
        }
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertThatThrownBy(() -> LoopbackSite.start(InetAddresses.forString("192.0.2.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
