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
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
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

    /** Where the site really listens: the endpoint its dialer sends the probed port to. */
    private static InetSocketAddress endpoint(LoopbackSite site) throws Exception {
        return site.dialer().route(new InetSocketAddress(LOOPBACK, 443));
    }

    /** Sends {@code request} over TLS and returns everything the site answered. */
    private static String exchange(LoopbackSite site, byte[] request) throws Exception {
        try (SSLSocket socket = tlsSocket(site)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** Completes a TLS handshake with the site and closes without sending a request. */
    private static void handshakeOnly(LoopbackSite site) throws Exception {
        try (SSLSocket socket = tlsSocket(site)) {
            socket.startHandshake();
        }
    }

    /**
     * A TLS socket connected to the site, reads bounded at ten seconds. The site's authority is made inside it and
     * never shared, so this client, on loopback only, checks no certificate: the prober's own tests above check the
     * site's TLS.
     */
    private static SSLSocket tlsSocket(LoopbackSite site) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        InetSocketAddress to = endpoint(site);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(to.getAddress(), to.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void answersAPageALogoAndACallbackAsARegistrationsSitesWould() throws Exception {
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            String page = exchange(site, ascii("GET /about HTTP/1.1\r\nHost: app.example.com\r\n\r\n"));
            String logo = exchange(site, ascii("GET /logo.png HTTP/1.1\r\nHost: app.example.com\r\n\r\n"));
            String callback = exchange(site, ascii("GET /callback?x=1 HTTP/1.1\r\nHost: app.example.com\r\n\r\n"));

            assertThat(page).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/html\r\n")
                    .endsWith("<!doctype html><title>priming</title>");
            assertThat(logo).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: image/png\r\n");
            assertThat(callback).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Content-Type: text/plain\r\n")
                    .endsWith("missing code");
            assertThat(site.requests()).isEqualTo(3);
        }
    }

    @Test
    void readsARequestLineOfTwoWordsAHeadWithANulByteAndAHeadOfExactlyItsLimit() throws Exception {
        String request = "GET /about HTTP/1.1\r\nX-Padding: ";
        String atLimit = request + "a".repeat(16_384 - request.length());
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            assertThat(exchange(site, ascii("GET /about\r\n\r\n"))).startsWith("HTTP/1.1 200 OK");
            assertThat(exchange(site, ascii("GET /about HTTP/1.1\r\nX-Nul: \0\r\n\r\n"))).startsWith("HTTP/1.1 200 OK");
            // No blank line: the site stops reading at 16 384 bytes and answers what it has.
            assertThat(exchange(site, ascii(atLimit))).startsWith("HTTP/1.1 200 OK");
            assertThat(site.requests()).isEqualTo(3);
        }
    }

    @Test
    void countsNeitherARequestNorAHandshakeThatDidNotHappen() throws Exception {
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            handshakeOnly(site);
            try (java.net.Socket plain = new java.net.Socket()) {
                plain.connect(endpoint(site), 10_000);
                plain.getOutputStream().write(ascii("GET / HTTP/1.1\r\n\r\n"));
                plain.shutdownOutput();
                plain.setSoTimeout(10_000);
                plain.getInputStream().readAllBytes();
            } catch (java.io.IOException reset) {
                // The site drops a connection that is not TLS; how it ends does not matter here.
            }
            // The site serves one connection at a time, so this answer comes after both above were handled.
            assertThat(exchange(site, ascii("GET /about HTTP/1.1\r\n\r\n"))).startsWith("HTTP/1.1 200 OK");

            assertThat(site.handshakes()).as("the handshake alone and the last exchange's").isEqualTo(2);
            assertThat(site.requests()).isEqualTo(1);
        }
    }

    @Test
    void stopsListeningWhenClosed() throws Exception {
        InetSocketAddress listening;
        try (LoopbackSite site = LoopbackSite.start(LOOPBACK)) {
            listening = endpoint(site);
        }

        try (java.net.Socket socket = new java.net.Socket()) {
            assertThatThrownBy(() -> socket.connect(listening, 10_000)).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void listensOnTheJvmsLoopbackAddressByDefault() throws Exception {
        try (LoopbackSite site = LoopbackSite.start()) {
            assertThat(site.dialer().route(new InetSocketAddress(InetAddress.getLoopbackAddress(), 443)).getAddress())
                    .isEqualTo(InetAddress.getLoopbackAddress());
        }
    }
}
