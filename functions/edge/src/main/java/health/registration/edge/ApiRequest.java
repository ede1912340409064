package health.registration.edge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of an API Gateway REST API proxy event (payload format 1.0) that handlers use.
 *
 * @param httpMethod     e.g. {@code POST}
 * @param path           the request path, e.g. {@code /validate}
 * @param headers        header values by name, compared without regard to case
 * @param pathParameters values of {@code {name}} segments of the route
 * @param queryParameters query string parameters (the last value of each)
 * @param body           the body as the event carries it, or null
 * @param base64Encoded  whether {@code body} is base64 (binary media types)
 * @param requestId      API Gateway's request id, for logs
 * @param callerArn      the IAM principal API Gateway authenticated ({@code requestContext.identity.userArn}) on
 *                       routes with AWS_IAM authorisation, or null
 * @param sourceIp       the caller's address as API Gateway saw it ({@code requestContext.identity.sourceIp}; the
 *                       local API's peer address), or null; the per-source limits count by it
 * @param resource       the route's resource path template ({@code resource}, e.g. {@code /register/{client_id}}),
 *                       or null when the event names none (a direct invocation)
 */
public record ApiRequest(String httpMethod, String path, Map<String, String> headers, Map<String, String> pathParameters,
                         Map<String, String> queryParameters, String body, boolean base64Encoded, String requestId,
                         String callerArn, String sourceIp, String resource) {

    public ApiRequest {
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseless);
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
    }

    /** A request that names no resource. */
    public ApiRequest(String httpMethod, String path, Map<String, String> headers, Map<String, String> pathParameters,
                      Map<String, String> queryParameters, String body, boolean base64Encoded, String requestId,
                      String callerArn, String sourceIp) {
        this(httpMethod, path, headers, pathParameters, queryParameters, body, base64Encoded, requestId, callerArn,
                sourceIp, null);
    }

    /** A request without a source address. */
    public ApiRequest(String httpMethod, String path, Map<String, String> headers, Map<String, String> pathParameters,
                      Map<String, String> queryParameters, String body, boolean base64Encoded, String requestId,
                      String callerArn) {
        this(httpMethod, path, headers, pathParameters, queryParameters, body, base64Encoded, requestId, callerArn, null);
    }

    /** This request as sent from {@code address}. */
    public ApiRequest from(String address) {
        return new ApiRequest(httpMethod, path, headers, pathParameters, queryParameters, body, base64Encoded, requestId,
                callerArn, address, resource);
    }

    /** A request without an authenticated caller. */
    public ApiRequest(String httpMethod, String path, Map<String, String> headers, Map<String, String> pathParameters,
                      Map<String, String> queryParameters, String body, boolean base64Encoded, String requestId) {
        this(httpMethod, path, headers, pathParameters, queryParameters, body, base64Encoded, requestId, null);
    }

    /** A request without query parameters. */
    public ApiRequest(String httpMethod, String path, Map<String, String> headers, Map<String, String> pathParameters,
                      String body, boolean base64Encoded, String requestId) {
        this(httpMethod, path, headers, pathParameters, Map.of(), body, base64Encoded, requestId, null);
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    /** The authenticated IAM caller, when API Gateway named one. */
    public Optional<String> caller() {
        return Optional.ofNullable(callerArn).filter(arn -> !arn.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The body's bytes: base64-decoded when the event says so, else the UTF-8 encoding of the text. */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        return base64Encoded ? Base64.getMimeDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }
}
