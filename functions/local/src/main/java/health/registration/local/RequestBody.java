package health.registration.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body up to API Gateway's payload limit, so an oversized body is never held whole. */
public final class RequestBody {

    /** API Gateway's limit on a request payload: 10 MiB. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private RequestBody() {}

    /** The body, or empty when it is longer than {@code limit} bytes. */
    public static Optional<byte[]> read(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? Optional.empty() : Optional.of(body);
    }
}
