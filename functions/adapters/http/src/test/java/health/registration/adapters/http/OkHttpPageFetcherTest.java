package health.registration.adapters.http;

import static health.registration.adapters.http.FetcherFixture.CALL_TIMEOUT;
import static health.registration.adapters.http.FetcherFixture.CAP;
import static health.registration.adapters.http.FetcherFixture.CERTS;
import static health.registration.adapters.http.FetcherFixture.LOOPBACK;
import static health.registration.adapters.http.FetcherFixture.USER_AGENT;
import static health.registration.adapters.http.FetcherFixture.page;
import static health.registration.adapters.http.FetcherFixture.request;
import static health.registration.adapters.http.RecordingDialer.FAKE_PUBLIC;
import static health.registration.adapters.http.TestCertificates.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.model.UrlField;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.FetchedPage;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher against loopback servers, with the unmodified production policy: requests name {@code ok.example.com}
 * at the public-looking {@code 11.22.33.44}, which only the test dialer below the guard sends to loopback.
 */
class OkHttpPageFetcherTest {

    private final FetcherFixture fixture = new FetcherFixture();
    private final RecordingDialer dialer = fixture.dialer;
    private MockWebServer server;
    private OkHttpPageFetcher fetcher;

    @BeforeEach
    void startServer() throws Exception {
        server = fixture.server(LOOPBACK, TestCertificates.serving(CERTS.leaf(HOST), CERTS.root));
        dialer.forward(443, new InetSocketAddress(LOOPBACK, server.getPort()));
        fetcher = fixture.fetcher(AddressPolicy.publicOnly());
    }

    @AfterEach
    void closeAll() throws Exception {
        fixture.close();
    }

    @Test
    void returnsStatusBodyContentTypeAndTheCheckedAddressOfAnOkPage() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html; charset=utf-8")
                .body("<h1>hello</h1>").build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("<h1>hello</h1>");
        assertThat(page.contentLength()).isEqualTo(14);
        assertThat(page.truncated()).isFalse();
        assertThat(page.location()).isNull();
        assertThat(page.address()).isEqualTo("11.22.33.44");
        assertThat(dialer.attempts()).containsExactly(new InetSocketAddress(FAKE_PUBLIC, 443));
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 303, 307, 308})
    void returnsRedirectsWithTheirLocationWithoutFollowingThem(int status) throws Exception {
        String metadata = "http://169.254.169.254/latest/meta-data/";
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Location", metadata).build());
        server.enqueue(new MockResponse.Builder().body("followed").build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.status()).isEqualTo(status);
        assertThat(page.location()).isEqualTo(metadata);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(dialer.attempts()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 410, 500, 503})
    void returnsErrorStatusesAsAnsweredPages(int status) throws Exception {
        server.enqueue(new MockResponse.Builder().code(status).body("no").build());

        assertThat(fetcher.fetch(page("https://ok.example.com/")).status()).isEqualTo(status);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1"})
    void neverRepeatsARequestThatAServerAsksToRetry(String retryAfter) throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", retryAfter).body("busy").build());
        server.enqueue(new MockResponse.Builder().body("second answer").build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.retryAfter()).as("kept for re-verification to honour").isEqualTo(retryAfter);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(dialer.attempts()).hasSize(1);
    }

    @Test
    void sendsItsUserAgentIdentityEncodingAndNoCredentials() throws Exception {
        server.enqueue(new MockResponse.Builder().body("ok").build());

        fetcher.fetch(page("https://ok.example.com/callback"));

        RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(sent.getMethod()).isEqualTo("GET");
        assertThat(sent.getHeaders().get("User-Agent")).isEqualTo(USER_AGENT);
        assertThat(sent.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
        assertThat(sent.getHeaders().get("Accept")).startsWith("text/html");
        assertThat(sent.getHeaders().names()).doesNotContain("Cookie", "Authorization", "Referer");
        assertThat(sent.getHandshakeServerNames()).containsExactly(HOST);
    }

    @Test
    void asksForRasterImagesOnlyWhenFetchingALogo() throws Exception {
        server.enqueue(new MockResponse.Builder().body("png").build());

        fetcher.fetch(request("https://ok.example.com/logo.png", HOST, List.of(FAKE_PUBLIC), UrlField.LOGO_URI));

        String accept = server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept");
        assertThat(accept).startsWith("image/png").contains("image/jpeg", "image/gif", "image/webp")
                .doesNotContain("svg", "*/*", "text/html");
    }

    @Test
    void fetchesAnHttpPageInCleartext() throws Exception {
        MockWebServer plain = fixture.server(LOOPBACK, null);
        dialer.forward(80, new InetSocketAddress(LOOPBACK, plain.getPort()));
        plain.enqueue(new MockResponse.Builder().body("terms").build());

        FetchedPage page = fetcher.fetch(
                request("http://ok.example.com/tos", HOST, List.of(FAKE_PUBLIC), UrlField.TOS_URI));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).asString(StandardCharsets.UTF_8).isEqualTo("terms");
        assertThat(dialer.attempts()).containsExactly(new InetSocketAddress(FAKE_PUBLIC, 80));
    }

    @Test
    void endsAServerDrippingOneBytePerHalfSecondAtTheCallTimeout() {
        // Limits (docs/security.md): each byte arrives well within the read timeout; only the call timeout ends this.
        server.enqueue(new MockResponse.Builder().body("x".repeat(100)).throttleBody(1, 500, TimeUnit.MILLISECONDS)
                .build());

        long start = System.nanoTime();
        ProbeFailure failure = failureOf(page("https://ok.example.com/"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
        // Generous: the call timeout (2 s) ends it; the body alone would take 50 s to drip and no read waits longer
        // than 0.5 s, so any bound well under 50 s tells the call timeout from the end of the body.
        assertThat(elapsed).isGreaterThanOrEqualTo(CALL_TIMEOUT).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void reportsATimeoutWhenTheServerNeverAnswers() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        assertThat(failureOf(page("https://ok.example.com/")).outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
    }

    @Test
    void cutsABodyWithoutDeclaredLengthAtTheCap() throws Exception {
        Buffer fiveMegabytes = new Buffer().write(new byte[5 * 1024 * 1024]);
        server.enqueue(new MockResponse.Builder().chunkedBody(fiveMegabytes, 64 * 1024).build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.contentLength()).isEqualTo(-1);
        assertThat(page.body()).hasSize(CAP);
        assertThat(page.truncated()).isTrue();
    }

    @ParameterizedTest(name = "{0} bytes sent, {1} declared")
    @CsvSource({"16385, 16385", "5242880, 5242880", "5, 10000000"})
    void returnsADeclaredLengthOverTheCapWithoutReadingTheBodyTrueOrNot(int sent, long declared) throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[sent]))
                .setHeader("Content-Length", declared).build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.contentLength()).isEqualTo(declared);
        assertThat(page.body()).isEmpty();
        assertThat(page.truncated()).isTrue();
    }

    /** Counts the calls OkHttp reports canceled: the fetcher cancels a call whose body it did not read to the end. */
    private static final class CancelCount extends okhttp3.EventListener {
        final java.util.concurrent.atomic.AtomicInteger canceled = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void canceled(okhttp3.Call call) {
            canceled.incrementAndGet();
        }
    }

    @ParameterizedTest(name = "{0} bytes, declared: {1}")
    @CsvSource({
        "16384, false",   // exactly the cap, chunked
        "16384, true",    // exactly the cap, with its length declared
        "0,     false"})
    void keepsABodyOfAtMostTheCapWholeAndLetsTheCallEnd(int size, boolean declared) throws Exception {
        MockResponse.Builder answer = new MockResponse.Builder();
        server.enqueue((declared ? answer.body(new Buffer().write(new byte[size]))
                : answer.chunkedBody(new Buffer().write(new byte[size]), 1024)).build());
        CancelCount events = new CancelCount();

        FetchedPage page = fixture.fetcher(AddressPolicy.publicOnly(), events).fetch(page("https://ok.example.com/"));

        assertThat(page.body()).hasSize(size);
        assertThat(page.truncated()).isFalse();
        assertThat(page.contentLength()).isEqualTo(declared ? size : -1);
        assertThat(events.canceled.get()).as("a body read to its end needs no cancel").isZero();
    }

    @Test
    void cutsABodyOneBytePastTheCapAndCancelsTheCall() throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(new byte[CAP + 1]), 1024).build());
        CancelCount events = new CancelCount();

        FetchedPage page = fixture.fetcher(AddressPolicy.publicOnly(), events).fetch(page("https://ok.example.com/"));

        assertThat(page.body()).hasSize(CAP);
        assertThat(page.truncated()).isTrue();
        assertThat(events.canceled.get()).as("canceled, not drained").isOne();
    }

    @Test
    void cancelsTheCallWhenTheDeclaredLengthIsOverTheCap() throws Exception {
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(new byte[CAP + 1])).build());
        CancelCount events = new CancelCount();

        FetchedPage page = fixture.fetcher(AddressPolicy.publicOnly(), events).fetch(page("https://ok.example.com/"));

        assertThat(page.body()).isEmpty();
        assertThat(page.truncated()).isTrue();
        assertThat(events.canceled.get()).isOne();
    }

    @ParameterizedTest(name = "a logo of {0} bytes under a cap of 4096: truncated {1}")
    @CsvSource({"4096, false", "4097, true"})
    void capsALogoAtItsOwnCap(int size, boolean truncated) throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(new byte[size]), 1024).build());

        FetchedPage page = fetcher.fetch(new FetchRequest("https://ok.example.com/logo.png", HOST, List.of(FAKE_PUBLIC),
                health.registration.core.probe.FetchPurpose.IMAGE, 4096));

        assertThat(page.body()).hasSize(Math.min(size, 4096));
        assertThat(page.truncated()).isEqualTo(truncated);
    }

    @Test
    void readsNothingUnderANegativeCap() throws Exception {
        server.enqueue(new MockResponse.Builder().chunkedBody(new Buffer().write(new byte[10]), 1024).build());

        FetchedPage page = fetcher.fetch(new FetchRequest("https://ok.example.com/", HOST, List.of(FAKE_PUBLIC),
                health.registration.core.probe.FetchPurpose.PAGE, -1));

        assertThat(page.body()).isEmpty();
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void readsNoMoreThanAnUndersizedLengthDeclares() throws Exception {
        server.enqueue(new MockResponse.Builder().body("x".repeat(100)).setHeader("Content-Length", 5).build());

        FetchedPage page = fetcher.fetch(page("https://ok.example.com/"));

        assertThat(page.body()).hasSize(5);
        assertThat(page.contentLength()).isEqualTo(5);
    }

    @Test
    void reportsAConnectErrorWhenTheServerHangsUpMidBody() {
        server.enqueue(new MockResponse.Builder().body("x".repeat(100))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        assertThat(failureOf(page("https://ok.example.com/")).outcome()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
    }

    @Test
    void reportsAConnectErrorWhenNothingListens() throws Exception {
        CountingListener closed = fixture.listener(LOOPBACK);
        closed.close();
        dialer.forward(443, closed.endpoint());

        ProbeFailure failure = failureOf(page("https://ok.example.com/"));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.CONNECT_ERROR);
        assertThat(failure.getMessage()).isEqualTo("ok.example.com refused the connection");
    }

    static Stream<Arguments> untrustedCertificates() {
        return Stream.of(
                Arguments.of(CERTS.expiredLeaf(), CERTS.root, "has expired"),
                Arguments.of(CERTS.leaf("other.example.com"), CERTS.root, "is not valid for that name"),
                Arguments.of(CERTS.leafFromUnknownRoot(), CERTS.otherRoot, "not issued by a trusted authority"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("untrustedCertificates")
    void reportsExpiredWrongHostAndUnknownAuthorityCertificatesAsTlsErrors(HeldCertificate leaf,
            HeldCertificate issuer, String problem) throws Exception {
        MockWebServer untrusted = fixture.server(LOOPBACK, TestCertificates.serving(leaf, issuer));
        untrusted.enqueue(new MockResponse.Builder().body("secret").build());
        dialer.forward(443, new InetSocketAddress(LOOPBACK, untrusted.getPort()));

        ProbeFailure failure = failureOf(page("https://ok.example.com/"));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TLS_ERROR);
        assertThat(failure.getMessage()).contains(problem);
        for (int i = untrusted.getRequestCount(); i > 0; i--) {
            assertThat(untrusted.takeRequest(5, TimeUnit.SECONDS).getFailure()).as("no request was sent").isNotNull();
        }
    }

    @Test
    void fetchesNothingWhenTheUrlNamesAnotherHostThanTheCheckedOne() {
        // Pinning (docs/security.md, "DNS rebinding and pinned addresses"): the checked addresses belong to
        // request.host() and to nothing else.
        ProbeFailure failure = failureOf(
                request("https://other.example.com/", HOST, List.of(FAKE_PUBLIC), UrlField.CLIENT_URI));

        assertThat(failure.outcome()).isEqualTo(ProbeOutcome.INVALID_URL);
        assertThat(dialer.attempts()).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusesToBeBuiltWithoutAUserAgent() {
        assertThatThrownBy(() -> OkHttpPageFetcher.create(AddressPolicy.publicOnly(),
                CERTS.clientTrust().trustManager(), FetcherFixture.LIMITS, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ProbeFailure failureOf(FetchRequest request) {
        return FetcherFixture.failureOf(fetcher, request);
    }
}
