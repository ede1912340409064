package health.registration.adapters.http;

import com.google.common.net.InetAddresses;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.FetchedPage;
import health.registration.core.probe.PageFetcher;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.CookieJar;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The {@link PageFetcher} of the deployed prober, on OkHttp: one GET to the request's checked addresses only, with
 * no proxy, redirect, retry, cookie, compression or connection reuse, bounded by the connect, read and whole-call
 * limits and the request's body cap (docs/security.md, "The fetch pipeline"). Every socket passes the connect-time
 * address guard.
 */
public final class OkHttpPageFetcher implements PageFetcher {

    private static final String RETRY_AFTER = "Retry-After";
    /** Where {@link #withoutRetryHint} keeps a 503's Retry-After; never sent, only read back from the answer. */
    private static final String HELD_RETRY_AFTER = "X-Probe-Held-Retry-After";

    // Logos (docs/security.md, "Logos are raster images"): the raster types a logo may have; SVG is never asked for.

    private final OkHttpClient base;
    private final GuardedSocketFactory guard;
    private final String userAgent;

    OkHttpPageFetcher(AddressPolicy policy, X509TrustManager trust, ProbeLimits limits, String userAgent,
                      Dialer dialer) {
        this(policy, trust, limits, userAgent, dialer, EventListener.NONE);
    }

    /** As above, telling {@code events} what each call does (tests observe the cancel after a truncated body). */
    OkHttpPageFetcher(AddressPolicy policy, X509TrustManager trust, ProbeLimits limits, String userAgent,
                      Dialer dialer, EventListener events) {
        if (userAgent == null || userAgent.isBlank()) {
            throw new IllegalArgumentException(
                    "the prober needs a descriptive User-Agent (docs/security.md, Request shape)");
        }
        this.guard = new GuardedSocketFactory(policy, dialer);
        this.base = baseClient(guard, trust, limits, events);
        this.userAgent = userAgent;
    }

    /**
     * The production fetcher.
     *
     * @param policy    the addresses sockets may connect to, checked again at connect time
     * @param trust     the certificate authorities trusted (see {@link TrustedCertificates})
     * @param limits    the connect, read and whole-call time limits
     * @param userAgent the {@code User-Agent} sent, naming the service so site owners can recognise the probe
     */
    public static OkHttpPageFetcher create(AddressPolicy policy, X509TrustManager trust, ProbeLimits limits,
                                           String userAgent) {
        return new OkHttpPageFetcher(policy, trust, limits, userAgent, Dialer.DIRECT);
    }

    @Override
    public FetchedPage fetch(FetchRequest request) throws ProbeFailure {
        HttpUrl url = targetOf(request);
        AtomicReference<InetSocketAddress> connected = new AtomicReference<>();
        Call call = clientFor(request, connected).newCall(requestFor(url, request.purpose()));
        try (Response response = call.execute()) {
            return page(response, request.maxBodyBytes(), connected.get(), call);
        } catch (IOException failed) {
            throw FetchFailures.translate(request.host(), failed, call.isCanceled());
        }
    }

    private static OkHttpClient baseClient(GuardedSocketFactory guard, X509TrustManager trust, ProbeLimits limits,
                                           EventListener events) {
        return new OkHttpClient.Builder()
                .eventListener(events)
                // docs/security.md, "DNS rebinding and pinned addresses": a proxy would resolve and connect on our
                // behalf, unchecked.
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false) // docs/security.md, "Redirects": a 3xx is an answer, never followed
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(limits.connectTimeout())
                .readTimeout(limits.readTimeout())
                .writeTimeout(limits.readTimeout())
                // docs/security.md, "Limits": the read timeout alone lets a dripping server hold a call.
                .callTimeout(limits.callTimeout())
                // TLS 1.2+ (docs/security.md, "TLS"); cleartext only for http:// URLs, which the URL rules allow for
                // informational pages.
                .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                .cookieJar(CookieJar.NO_COOKIES)
                // HTTP/1.1 only: a status probe gains nothing from HTTP/2, whose connection coalescing reuses a
                // connection for other hosts without a lookup (docs/security.md, "The fetch pipeline") and whose
                // framing adds parser surface.
                .protocols(List.of(Protocol.HTTP_1_1))
                // No idle connection is kept, so no probe ever rides on a connection another probe opened.
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .socketFactory(guard)
                .sslSocketFactory(tlsSockets(trust), trust)
                .dns(hostname -> {
                    throw new UnknownHostException("the prober resolves names only through a fetch's checked list");
                })
                .build();
    }

    private OkHttpClient clientFor(FetchRequest request, AtomicReference<InetSocketAddress> connected) {
        return base.newBuilder()
                // Pinning (docs/security.md, "DNS rebinding and pinned addresses"): the name resolves to exactly the
                // checked addresses, and sockets dial nothing else.
                .dns(new PinnedDns(request.host(), request.addresses()))
                .socketFactory(guard.pinnedTo(request.addresses()))
                .addNetworkInterceptor(chain -> {
                    connected.set(Objects.requireNonNull(chain.connection()).route().socketAddress());
                    return withoutRetryHint(chain.proceed(chain.request()));
                })
                .build();
    }

    /**
     * OkHttp repeats a request answered {@code 503} with {@code Retry-After: 0} even with retries off; a probe sends
     * one GET and reports the first answer, so the hint is moved out of OkHttp's sight (to {@link #HELD_RETRY_AFTER})
     * before its follow-up logic runs, and kept for re-verification to honour.
     */
    private static Response withoutRetryHint(Response response) {
        String hint = response.header(RETRY_AFTER);
        if (response.code() != 503 || hint == null) {
            return response;
        }
        return response.newBuilder().removeHeader(RETRY_AFTER).header(HELD_RETRY_AFTER, hint).build();
    }

    private Request requestFor(HttpUrl url, FetchPurpose purpose) {
        // docs/security.md, "Request shape": fixed headers; identity encoding also turns off OkHttp's transparent gzip
        // (no decompression bombs).
        return new Request.Builder().url(url).get()
                .header("User-Agent", userAgent)
                .header("Accept", purpose.accept())
                .header("Accept-Encoding", "identity")
                .build();
    }

    private static FetchedPage page(Response response, int cap, InetSocketAddress connected, Call call)
            throws IOException {
        int maxBodyBytes = Math.max(0, cap);
        if (connected == null) {
            throw new IOException("no connection was recorded");
        }
        ResponseBody body = response.body();
        long declared = body.contentLength();
        byte[] bytes = new byte[0];
        // docs/security.md, "Limits": a declared length over the cap is refused without reading a byte of the body.
        boolean truncated = declared > maxBodyBytes;
        if (!truncated) {
            BufferedSource source = body.source();
            // Asking for one byte more than the cap tells whether the body goes on.
            truncated = source.request((long) maxBodyBytes + 1);
            bytes = source.readByteArray(Math.min(source.getBuffer().size(), maxBodyBytes));
        }
        if (truncated) {
            // Closing an unfinished body makes OkHttp read on to drain it; canceling closes the socket instead.
            call.cancel();
        }
        return new FetchedPage(response.code(), response.header("Content-Type"), response.header("Location"),
                declared, bytes, truncated, InetAddresses.toAddrString(connected.getAddress()),
                response.header(RETRY_AFTER, response.header(HELD_RETRY_AFTER)));
    }

    private static HttpUrl targetOf(FetchRequest request) throws ProbeFailure {
        HttpUrl url = HttpUrl.parse(request.url());
        if (url == null) {
            throw new ProbeFailure(ProbeOutcome.INVALID_URL, "the URL is not an absolute http or https URL");
        }
        if (!url.host().equalsIgnoreCase(request.host())) {
            throw new ProbeFailure(ProbeOutcome.INVALID_URL,
                    "the URL's host is not the host whose addresses were checked");
        }
        return url;
    }

    private static SSLSocketFactory tlsSockets(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("TLS is unavailable in this JVM", unavailable);
        }
    }
}
