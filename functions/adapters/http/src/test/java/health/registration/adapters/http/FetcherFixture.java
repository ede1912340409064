package health.registration.adapters.http;

import static health.registration.adapters.http.RecordingDialer.FAKE_PUBLIC;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.net.InetAddresses;
import health.registration.core.model.UrlField;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeLimits;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;

/**
 * Loopback servers, counting listeners, the recording dialer and fetchers wired to them with short limits, closed
 * together after each test. Requests name {@code ok.example.com} at the public-looking {@code 11.22.33.44}.
 */
final class FetcherFixture implements AutoCloseable {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    static final ProbeLimits LIMITS = new ProbeLimits(Duration.ofSeconds(1), Duration.ofMillis(1500), CALL_TIMEOUT,
            Duration.ofMillis(500), 16 * 1024, 1024 * 1024, 25, 64, 8, 120);
    static final String USER_AGENT = "RegistrationProbe-Test/1.0 (+https://registration.example.com/docs/url-probe)";
    static final InetAddress LOOPBACK = InetAddresses.forString("127.0.0.1");
    static final InetAddress LOOPBACK6 = InetAddresses.forString("::1");
    static final TestCertificates CERTS = new TestCertificates();
    static final int CAP = 16 * 1024;

    final RecordingDialer dialer = new RecordingDialer();
    private final List<Closeable> opened = new ArrayList<>();

    /** A started server on a loopback address; HTTPS when certificates are given, cleartext otherwise. */
    MockWebServer server(InetAddress on, HandshakeCertificates certificates) throws IOException {
        MockWebServer started = new MockWebServer();
        opened.add(started);
        if (certificates != null) {
            started.useHttps(certificates.sslSocketFactory());
        }
        started.start(on, 0);
        return started;
    }

    CountingListener listener(InetAddress on) throws IOException {
        CountingListener listener = new CountingListener(on);
        opened.add(listener);
        return listener;
    }

    /** A fetcher trusting the test root only, dialling through the recording dialer. */
    OkHttpPageFetcher fetcher(AddressPolicy policy) {
        return new OkHttpPageFetcher(policy, CERTS.clientTrust().trustManager(), LIMITS, USER_AGENT, dialer);
    }

    /** As {@link #fetcher(AddressPolicy)}, telling {@code events} what each call does. */
    OkHttpPageFetcher fetcher(AddressPolicy policy, okhttp3.EventListener events) {
        return new OkHttpPageFetcher(policy, CERTS.clientTrust().trustManager(), LIMITS, USER_AGENT, dialer, events);
    }

    static FetchRequest page(String url) {
        return request(url, TestCertificates.HOST, List.of(FAKE_PUBLIC), UrlField.REDIRECT_URI);
    }

    static FetchRequest request(String url, String host, List<InetAddress> addresses, UrlField field) {
        return new FetchRequest(url, host, addresses, FetchPurpose.of(field), CAP);
    }

    static ProbeFailure failureOf(OkHttpPageFetcher fetcher, FetchRequest request) {
        return catchThrowableOfType(ProbeFailure.class, () -> fetcher.fetch(request));
    }

    @Override
    public void close() throws IOException {
        for (Closeable resource : opened) {
            resource.close();
        }
    }
}
