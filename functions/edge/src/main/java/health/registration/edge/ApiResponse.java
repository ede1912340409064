package health.registration.edge;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers through API Gateway: a status, headers and a body, text or (flagged) base64 of bytes.
 *
 * @param base64Encoded whether {@code body} is base64 of binary content ({@code isBase64Encoded} of the proxy
 *                      response; API Gateway sends the bytes for the API's binary media types)
 */
public record ApiResponse(int statusCode, Map<String, String> headers, String body, boolean base64Encoded) {

    /** A text answer. */
    public ApiResponse(int statusCode, Map<String, String> headers, String body) {
        this(statusCode, headers, body, false);
    }

    /** Headers on every JSON answer: no caching of registration data (RFC 7591 §3.2.1), no content sniffing. */
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "Content-Type", "application/json",
            "Cache-Control", "no-store",
            "Pragma", "no-cache",
            "X-Content-Type-Options", "nosniff");

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(int statusCode, String body) {
        return new ApiResponse(statusCode, new LinkedHashMap<>(JSON_HEADERS), body);
    }

    /** An answer without a body (204), still marked not to be cached. */
    public static ApiResponse empty(int statusCode) {
        return new ApiResponse(statusCode, Map.of("Cache-Control", "no-store", "Pragma", "no-cache"), "");
    }

    /** A binary answer of the given content type, e.g. a DER CRL ({@code application/pkix-crl}). */
    public static ApiResponse binary(int statusCode, String contentType, byte[] content) {
        return new ApiResponse(statusCode, Map.of("Content-Type", contentType, "X-Content-Type-Options", "nosniff"),
                Base64.getEncoder().encodeToString(content), true);
    }

    /** The same answer with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(statusCode, more, body, base64Encoded);
    }
}
