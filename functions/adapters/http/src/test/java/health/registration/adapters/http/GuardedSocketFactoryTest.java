package health.registration.adapters.http;

import static health.registration.adapters.http.FetcherFixture.CERTS;
import static health.registration.adapters.http.FetcherFixture.LOOPBACK;
import static health.registration.adapters.http.FetcherFixture.LOOPBACK6;
import static health.registration.adapters.http.FetcherFixture.failureOf;
import static health.registration.adapters.http.FetcherFixture.request;
import static health.registration.adapters.http.RecordingDialer.FAKE_PUBLIC;
import static health.registration.adapters.http.TestCertificates.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import health.registration.core.model.UrlField;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.Cidr;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connect-time guard, on its own and as the fetcher wires it, always with the production policy unless a test
 * names an exemption. Every refusal is shown to happen before any dial: the recording dialer saw nothing and the
 * loopback listener a bug would have reached accepted nothing.
 */
class GuardedSocketFactoryTest {

    private final FetcherFixture fixture = new FetcherFixture();
    private final RecordingDialer dialer = fixture.dialer;
    private final GuardedSocketFactory guard = new GuardedSocketFactory(AddressPolicy.publicOnly(), dialer);

    @AfterEach
    void closeAll() throws Exception {
        fixture.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void refusesALoopbackEndpointWithoutConnecting(String address) throws Exception {
        CountingListener listener = fixture.listener(InetAddresses.forString(address));

        try (Socket socket = guard.createSocket()) {
            assertThatThrownBy(() -> socket.connect(listener.endpoint(), 1000))
                    .isInstanceOf(RefusedAddressException.class);
        }

        assertThat(dialer.attempts()).isEmpty();
        assertThat(listener.accepted()).isZero();
    }

    @Test
    void refusesAnUnresolvedEndpointRatherThanLookItUpAgain() throws Exception {
        try (Socket socket = guard.createSocket()) {
            assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved(HOST, 443), 1000))
                    .isInstanceOf(RefusedAddressException.class);
        }
        assertThat(dialer.attempts()).isEmpty();
    }

    @Test
    void refusesAnEndpointThatIsNotAnIpSocketAddress() throws Exception {
        SocketAddress notInet = new SocketAddress() {
            private static final long serialVersionUID = 1L;
        };
        try (Socket socket = guard.createSocket()) {
            assertThatThrownBy(() -> socket.connect(notInet, 1000)).isInstanceOf(RefusedAddressException.class);
        }
        assertThat(dialer.attempts()).isEmpty();
    }

    @Test
    void refusesEverySocketThatWouldConnectBeforeBeingChecked() throws Exception {
        CountingListener listener = fixture.listener(LOOPBACK);
        int port = listener.port();

        assertThatThrownBy(() -> guard.createSocket("127.0.0.1", port)).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guard.createSocket("127.0.0.1", port, LOOPBACK, 0))
                .isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guard.createSocket(LOOPBACK, port)).isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> guard.createSocket(LOOPBACK, port, LOOPBACK, 0))
                .isInstanceOf(RefusedAddressException.class);
        assertThat(listener.accepted()).isZero();
    }

    @Test
    void dialsAPermittedAddressThroughTheDialer() throws Exception {
        CountingListener listener = fixture.listener(LOOPBACK);
        dialer.forward(443, listener.endpoint());

        try (Socket socket = guard.createSocket()) {
            socket.connect(new InetSocketAddress(FAKE_PUBLIC, 443), 1000);
            assertThat(socket.isConnected()).isTrue();
        }

        assertThat(dialer.attempts()).containsExactly(new InetSocketAddress(FAKE_PUBLIC, 443));
        assertThat(listener.accepted()).isEqualTo(1);
    }

    @Test
    void aPinnedGuardRefusesAPublicAddressThatWasNotChecked() throws Exception {
        GuardedSocketFactory pinned = guard.pinnedTo(List.of(InetAddresses.forString("11.22.33.55")));

        try (Socket socket = pinned.createSocket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(FAKE_PUBLIC, 443), 1000))
                    .isInstanceOf(RefusedAddressException.class);
        }
        assertThat(dialer.attempts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "::1"})
    void theFetcherConnectsToNoNonPublicCheckedAddress(String address) throws Exception {
        InetAddress checked = InetAddresses.forString(address);
        // A guard bug would reach this listener: the dialer passes loopback through, and the URL names its port.
        CountingListener listener = fixture.listener(checked instanceof Inet6Address ? LOOPBACK6 : LOOPBACK);
        String url = "https://ok.example.com:" + listener.port() + "/";

        ProbeFailure failure = failureOf(fixture.fetcher(AddressPolicy.publicOnly()),
                request(url, HOST, List.of(checked), UrlField.REDIRECT_URI));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(failure.getMessage()).startsWith("the connection to ok.example.com was refused")
                .doesNotContain(address);
        assertThat(dialer.attempts()).isEmpty();
        assertThat(listener.accepted()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:%d/", "https://127.1:%d/", "https://[::1]:%d/"})
    void theFetcherRefusesIpLiteralHostsThatOkHttpConnectsToWithoutItsDns(String template) throws Exception {
        // Observed (docs/security.md, "DNS rebinding and pinned addresses"): OkHttp never calls Dns for a literal, so
        // only the guard stands here.
        CountingListener listener = fixture.listener(template.contains("::1") ? LOOPBACK6 : LOOPBACK);
        String url = String.format(template, listener.port());

        ProbeFailure failure = failureOf(fixture.fetcher(AddressPolicy.publicOnly()),
                request(url, HttpUrl.get(url).host(), List.of(FAKE_PUBLIC), UrlField.REDIRECT_URI));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(dialer.attempts()).isEmpty();
        assertThat(listener.accepted()).isZero();
    }

    @Test
    void theFetcherRefusesAPublicLiteralThatWasNotChecked() {
        String url = "https://11.22.33.55/";

        ProbeFailure failure = failureOf(fixture.fetcher(AddressPolicy.publicOnly()),
                request(url, "11.22.33.55", List.of(FAKE_PUBLIC), UrlField.REDIRECT_URI));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(dialer.attempts()).isEmpty();
    }

    @Test
    void theProductionFetcherRefusesLoopbackToo() throws Exception {
        // Dialer.DIRECT: nothing below the guard is replaced, so the listener counts what production would do.
        CountingListener listener = fixture.listener(LOOPBACK);
        String url = "https://127.0.0.1:" + listener.port() + "/";
        OkHttpPageFetcher production = OkHttpPageFetcher.create(AddressPolicy.publicOnly(),
                TrustedCertificates.platform(), FetcherFixture.LIMITS, FetcherFixture.USER_AGENT);

        ProbeFailure failure = failureOf(production,
                request(url, "127.0.0.1", List.of(FAKE_PUBLIC), UrlField.LOGO_URI));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
        assertThat(listener.accepted()).isZero();
    }

    @Test
    void anExemptedTestRangeIsReachedWhileOtherLoopbackStaysRefused() throws Exception {
        InetAddress exempted = InetAddresses.forString("127.0.0.2");
        MockWebServer server = fixture.server(exempted, TestCertificates.serving(CERTS.leaf(HOST), CERTS.root));
        server.enqueue(new MockResponse.Builder().body("ok").build());
        CountingListener refused = fixture.listener(LOOPBACK);
        OkHttpPageFetcher fetcher = fixture.fetcher(AddressPolicy.allowing(List.of(new Cidr(exempted, 32))));

        String reachable = "https://ok.example.com:" + server.getPort() + "/";
        assertThat(fetcher.fetch(request(reachable, HOST, List.of(exempted), UrlField.REDIRECT_URI)).address())
                .isEqualTo("127.0.0.2");
        String blocked = "https://ok.example.com:" + refused.port() + "/";
        assertThat(failureOf(fetcher, request(blocked, HOST, List.of(LOOPBACK), UrlField.REDIRECT_URI)).outcome())
                .isEqualTo(ProbeOutcome.NOT_PUBLIC);

        assertThat(dialer.attempts()).containsExactly(new InetSocketAddress(exempted, server.getPort()));
        assertThat(refused.accepted()).isZero();
    }
}
