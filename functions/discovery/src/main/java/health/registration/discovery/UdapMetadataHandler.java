package health.registration.discovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.udap.UdapMetadata;
import health.registration.core.udap.UdapMetadataAnswer;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.edge.ApiGatewayEvents;
import health.registration.edge.ApiInvocation;
import health.registration.edge.ApiRequest;
import health.registration.edge.ApiResponse;
import health.registration.edge.ErrorResponses;
import health.registration.edge.PrimingResource;
import health.registration.edge.RequestLog;
import health.registration.edge.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /.well-known/udap}: the UDAP discovery document (IG STU2 §2), open to anyone without authentication
 * (§2.1). {@code 200} with the document; with the §2.4 {@code community} parameter, the document for a configured
 * trust community and {@code 204 No Content} for any other; {@code 404} when this server offers no UDAP workflows
 * (§2.2). The document is public and valid for hours, so it may be cached for five minutes.
 */
public final class UdapMetadataHandler implements RequestStreamHandler {

    /** IG STU2 §2.4: the query parameter naming a trust community. */
    static final String COMMUNITY = "community";
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Optional<UdapMetadata> metadata;

    /** Wiring for Lambda: {@link DiscoveryWiring}, from the environment. */
    public UdapMetadataHandler() {
        this(DiscoveryWiring.udapMetadata(Settings.fromEnvironment()));
        // Priming signs with throw-away credentials: this handler would read its secrets into the snapshot.
        PrimingResource.register(DiscoveryPriming.class, () -> new DiscoveryPriming(System.getenv()));
    }

    /** @param metadata the document to publish; empty when UDAP is off */
    UdapMetadataHandler(Optional<UdapMetadata> metadata) {
        this.metadata = metadata;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("udap-metadata", request, lambda, this::answer), output);
    }

    private ApiResponse answer(ApiRequest request, RequestLog log) {
        Optional<String> community = request.queryParameter(COMMUNITY);
        String asked = community.isPresent() ? "given" : "none";
        UdapMetadataAnswer answer = metadata.map(udap -> udap.answer(community))
                .orElseGet(UdapMetadataAnswer.NotOffered::new);
        return switch (answer) {
            case UdapMetadataAnswer.NotOffered() -> {
                log.info("status=404 udap=off");
                yield ErrorResponses.simple(RegistrationErrorCode.NOT_FOUND, "This server offers no UDAP workflows.");
            }
            case UdapMetadataAnswer.Document(String json) -> {
                log.info("status=200 community=" + asked);
                yield new ApiResponse(200, Map.of("Content-Type", "application/json", "Cache-Control", CACHE_CONTROL,
                        "X-Content-Type-Options", "nosniff"), json);
            }
            case UdapMetadataAnswer.UnknownCommunity() -> {
                // The community's URI is the caller's text: it is not logged.
                log.info("status=204 community=unknown");
                yield ApiResponse.empty(204);
            }
        };
    }
}
