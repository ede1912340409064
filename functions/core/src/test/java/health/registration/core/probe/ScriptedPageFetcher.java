package health.registration.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A fetcher answering from a script of pages and failures per URL. Records requests and peak concurrency. */
final class ScriptedPageFetcher implements PageFetcher {

    private final Map<String, FetchedPage> pages = new ConcurrentHashMap<>();
    private final Map<String, ProbeFailure> failures = new ConcurrentHashMap<>();
    final List<FetchRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peakInFlight = new AtomicInteger();
    /** Fetches that gave up waiting at the gate: a test that holds fetches asserts there were none. */
    final AtomicInteger gateTimeouts = new AtomicInteger();
    private volatile CountDownLatch gate;

    ScriptedPageFetcher page(String url, int status, String contentType, byte[] body) {
        pages.put(url, new FetchedPage(status, contentType, status / 100 == 3 ? "https://elsewhere.example.com/\u0007x" : null,
                body.length, body, false, "11.22.33.44"));
        return this;
    }

    ScriptedPageFetcher page(String url, int status) {
        return page(url, status, "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8));
    }

    ScriptedPageFetcher fail(String url, ProbeOutcome outcome) {
        failures.put(url, new ProbeFailure(outcome, "scripted failure"));
        return this;
    }

    /** Makes every fetch wait until this many fetches are in flight at once (or a generous timeout passes). */
    ScriptedPageFetcher holdUntilInFlight(int count) {
        gate = new CountDownLatch(count);
        return this;
    }

    @Override
    public FetchedPage fetch(FetchRequest request) throws ProbeFailure {
        requests.add(request);
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            CountDownLatch latch = gate;
            if (latch != null) {
                latch.countDown();
                if (!latch.await(5, TimeUnit.SECONDS)) {
                    gateTimeouts.incrementAndGet();
                }
            }
            if (failures.containsKey(request.url())) {
                throw failures.get(request.url());
            }
            FetchedPage page = pages.get(request.url());
            if (page == null) {
                throw new ProbeFailure(ProbeOutcome.CONNECT_ERROR, "nothing scripted");
            }
            return page;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbeOutcome.TIMEOUT, "interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
