package health.registration.discovery;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.util.List;
import java.util.Map;

/**
 * The discovery function's SnapStart priming: a handler answers {@code GET /.well-known/udap} without a community
 * and for a community. The function primes a handler with UDAP off: its own handler would read the signing key and
 * the anchors, which must never be frozen into a snapshot (they are read after restore, on the first request).
 */
final class DiscoveryPriming extends PrimingResource {

    private static final String PATH = "/.well-known/udap";

    private final RequestStreamHandler handler;

    DiscoveryPriming(RequestStreamHandler handler) {
        super("discovery");
        this.handler = handler;
    }

    @Override
    protected List<String> prime() throws Exception {
        byte[] plain = PrimingRequests.apiEvent("GET", PATH, Map.of(), Map.of(), null);
        byte[] community = PrimingRequests.apiEvent("GET", PATH, Map.of(), Map.of(),
                Map.of(UdapMetadataHandler.COMMUNITY, "urn:example:priming"), null);
        return List.of(PrimingRequests.status(PrimingRequests.invoke(handler, plain)),
                PrimingRequests.status(PrimingRequests.invoke(handler, community)));
    }
}
