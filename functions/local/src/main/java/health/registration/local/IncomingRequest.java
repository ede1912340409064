package health.registration.local;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the local API, before it becomes a proxy event.
 *
 * @param method    the HTTP method, upper case
 * @param rawPath   the path, still percent-encoded as API Gateway REST APIs pass it on
 * @param rawQuery  the query string without {@code ?}, still encoded, or null when the URL has none
 * @param headers   every header value by name, in arrival order
 * @param body      the body's bytes, empty when there is none
 * @param sourceIp  the client's address
 * @param protocol  e.g. {@code HTTP/1.1}
 */
public record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, String sourceIp, String protocol) {}
