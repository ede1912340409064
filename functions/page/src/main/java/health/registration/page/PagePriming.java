package health.registration.page;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.util.List;
import java.util.Map;

/**
 * The page function's SnapStart priming: its handler serves the page, an asset, a revalidation answered {@code 304}
 * and a file it does not have. The page reads nothing but its own files, so the function's own handler serves.
 */
final class PagePriming extends PrimingResource {

    private final RequestStreamHandler handler;
    private final String pageTag;

    PagePriming(RequestStreamHandler handler, String pageTag) {
        super("page");
        this.handler = handler;
        this.pageTag = pageTag;
    }

    @Override
    protected List<String> prime() throws Exception {
        return List.of(
                status(PrimingRequests.apiEvent("GET", "/", Map.of(), Map.of(), null)),
                status(PrimingRequests.apiEvent("GET", "/assets/{file}", Map.of(), Map.of("file", "page.js"), null)),
                status(PrimingRequests.apiEvent("GET", "/", Map.of("If-None-Match", pageTag), Map.of(), null)),
                status(PrimingRequests.apiEvent("GET", "/assets/{file}", Map.of(), Map.of("file", "none.js"), null)));
    }

    private String status(byte[] event) throws Exception {
        return PrimingRequests.status(PrimingRequests.invoke(handler, event));
    }
}
