package health.registration.core.udap;

import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.FetchedPage;
import health.registration.core.probe.PageFetcher;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fetcher answering from a script of pages per URL; never touches the network. Records every request. */
final class ScriptedCrlFetcher implements PageFetcher {

    private final Map<String, FetchedPage> pages = new ConcurrentHashMap<>();
    final List<FetchRequest> requests = new CopyOnWriteArrayList<>();

    ScriptedCrlFetcher page(String url, int status, byte[] body, boolean truncated) {
        pages.put(url, new FetchedPage(status, "application/pkix-crl", null, body.length, body, truncated, "11.22.33.44"));
        return this;
    }

    ScriptedCrlFetcher page(String url, byte[] body) {
        return page(url, 200, body, false);
    }

    @Override
    public FetchedPage fetch(FetchRequest request) throws ProbeFailure {
        requests.add(request);
        FetchedPage page = pages.get(request.url());
        if (page == null) {
            throw new ProbeFailure(ProbeOutcome.CONNECT_ERROR, "nothing scripted");
        }
        return page;
    }
}
