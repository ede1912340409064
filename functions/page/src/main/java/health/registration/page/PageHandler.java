package health.registration.page;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /} and {@code GET /assets/{file}}: the developer registration page and its scripts and style
 * (docs/api/page.md). Same origin as the API it calls, so no CORS. Every answer carries a Content-Security-Policy
 * that allows no inline script or style and no other origin for scripts, styles or requests, and a strong
 * {@code ETag}; a request whose {@code If-None-Match} names it is answered {@code 304} (RFC 9110 §13.1.2).
 */
public final class PageHandler implements RequestStreamHandler {

    /**
     * The page's policy (CSP Level 3): scripts and styles only from this origin, requests only to it, logos from any
     * https address (the preview of the developer's own {@code logo_uri}), no frames, no {@code <base>}, forms posting
     * nowhere else.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'";

    private static final Map<String, String> SECURITY_HEADERS = securityHeaders();

    private final PageFiles files;

    /** Wiring for Lambda: the manual registration address from {@code MANUAL_REGISTRATION_URL}. */
    public PageHandler() {
        this(PageFiles.load(Settings.fromEnvironment().manualRegistrationUrl().toString()));
        PrimingResource.register(PagePriming.class, () -> new PagePriming(this, files.page().etag()));
    }

    PageHandler(PageFiles files) {
        this.files = files;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        ApiRequest request = ApiGatewayEvents.read(input);
        ApiGatewayEvents.write(ApiInvocation.answer("page", request, lambda, this::answer), output);
    }

    private ApiResponse answer(ApiRequest request, RequestLog log) {
        Optional<PageFiles.PageFile> file = switch (request.resource() == null ? "" : request.resource()) {
            case "/" -> Optional.of(files.page());
            case "/assets/{file}" -> files.asset(request.pathParameters().get("file"));
            default -> Optional.empty();
        };
        if (file.isEmpty()) {
            log.info("not found");
            return notFound();
        }
        PageFiles.PageFile found = file.get();
        if (request.header("If-None-Match").map(tags -> matches(tags, found.etag())).orElse(false)) {
            log.info("not modified " + request.resource());
            return new ApiResponse(304, headers(found.etag()), "");
        }
        log.info("served " + request.resource());
        Map<String, String> headers = headers(found.etag());
        headers.put("Content-Type", found.contentType());
        return new ApiResponse(200, headers, found.text());
    }

    /** {@code If-None-Match}: {@code *} or a list of entity tags, compared weakly (RFC 9110 §13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    private static Map<String, String> headers(String etag) {
        Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
        headers.put("ETag", etag);
        // Revalidated on every use (a 304 costs a few bytes): the names carry no hash, since the modules import
        // each other by plain name (docs/decisions.md).
        headers.put("Cache-Control", "no-cache");
        return headers;
    }

    private static ApiResponse notFound() {
        ApiResponse answer = ErrorResponses.of(RegistrationError.single(Violation.malformed(FieldPointer.DOCUMENT,
                RegistrationErrorCode.NOT_FOUND, "The page has no such file.")));
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.putAll(SECURITY_HEADERS);
        return new ApiResponse(404, headers, answer.body());
    }

    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        return Map.copyOf(headers);
    }
}
