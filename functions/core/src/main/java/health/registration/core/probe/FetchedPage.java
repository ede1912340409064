package health.registration.core.probe;

/**
 * What a GET answered, without following redirects.
 *
 * @param status        the HTTP status
 * @param contentType   the {@code Content-Type} header, or null
 * @param location      the {@code Location} header, or null
 * @param contentLength the declared {@code Content-Length}, or -1
 * @param body          the first body bytes, at most the request's {@code maxBodyBytes}
 * @param truncated     true when the body had more bytes than were read
 * @param address       the address actually connected to
 * @param retryAfter    the {@code Retry-After} header, or null
 */
public record FetchedPage(int status, String contentType, String location, long contentLength, byte[] body,
                          boolean truncated, String address, String retryAfter) {

    /** An answer without {@code Retry-After}. */
    public FetchedPage(int status, String contentType, String location, long contentLength, byte[] body,
                       boolean truncated, String address) {
        this(status, contentType, location, contentLength, body, truncated, address, null);
    }
}
