package health.registration.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * What a fixture HTTPS server answers, by path, counting every request it answers per path so that tests can prove
 * a URL was fetched once, or never. Paths:
 * <ul>
 *   <li>{@code /page/…}: 200 HTML; {@code /callback}: 400, as a callback called without parameters answers;</li>
 *   <li>{@code /status/<code>}: that status; a 3xx points to {@code /page/moved-<code>} on the same host;</li>
 *   <li>{@code /slow}: 200, then one body byte every 500 ms;</li>
 *   <li>{@code /logo/…}: a real PNG, 5 MB bodies (declared and chunked), PNG bytes as HTML, an SVG, and a text
 *       file named {@code .png} served as {@code image/png}.</li>
 * </ul>
 */
final class FixtureSite extends Dispatcher {

    static final byte[] PNG = onePixelPng();
    static final int HUGE_BYTES = 5 * 1024 * 1024;

    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final Map<String, RecordedRequest> lastByPath = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getTarget().split("\\?", 2)[0];
        requests.incrementAndGet();
        requestsByPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        lastByPath.put(path, request);
        return answer(path, request.getHeaders().get("Host"));
    }

    /** Requests answered, on any path. */
    int requests() {
        return requests.get();
    }

    /** Requests answered for one path (query ignored). */
    int requestsFor(String path) {
        AtomicInteger count = requestsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    /** The last request for a path, or null. */
    RecordedRequest lastRequestFor(String path) {
        return lastByPath.get(path);
    }

    private static MockResponse answer(String path, String host) {
        if (path.startsWith("/page/")) {
            return typed(200, "text/html; charset=utf-8", "<!doctype html><title>fixture page</title>".getBytes(StandardCharsets.UTF_8));
        }
        if (path.startsWith("/status/")) {
            return status(Integer.parseInt(path.substring("/status/".length())), host);
        }
        return switch (path) {
            case "/callback" -> typed(400, "text/plain", "missing code".getBytes(StandardCharsets.UTF_8));
            // Each byte comes well within the 5 s read timeout, so only the 10 s whole-call limit can end it.
            case "/slow" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                    .body("x".repeat(200)).throttleBody(1, 500, TimeUnit.MILLISECONDS).build();
            case "/logo/logo.png" -> typed(200, "image/png", PNG);
            case "/logo/huge.png" -> typed(200, "image/png", hugePng());
            case "/logo/huge-chunked.png" -> new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png")
                    .chunkedBody(new Buffer().write(hugePng()), 64 * 1024).build();
            case "/logo/png-as-html" -> typed(200, "text/html", PNG);
            case "/logo/logo.svg" -> typed(200, "image/svg+xml",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>".getBytes(StandardCharsets.UTF_8));
            case "/logo/text.png" -> typed(200, "image/png",
                    "This is a text file whose name ends in .png.\n".getBytes(StandardCharsets.UTF_8));
            default -> typed(404, "text/plain", "no such fixture path".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static MockResponse status(int code, String host) {
        MockResponse.Builder response = new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain")
                .body("status " + code);
        if (code >= 300 && code < 400) {
            // On the same fixture host, so a prober that followed the redirect would show up in requestsFor.
            response.setHeader("Location", movedTo(host, code));
        }
        return response.build();
    }

    /** Where {@code /status/<code>} on a host redirects. */
    static String movedTo(String host, int code) {
        return "https://" + host + "/page/moved-" + code;
    }

    private static MockResponse typed(int code, String contentType, byte[] body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType)
                .body(new Buffer().write(body)).build();
    }

    /** A PNG signature followed by 5 MB of zeros: an image by its first bytes, far over the 1 MiB logo cap. */
    private static byte[] hugePng() {
        return Arrays.copyOf(PNG, HUGE_BYTES);
    }

    private static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
