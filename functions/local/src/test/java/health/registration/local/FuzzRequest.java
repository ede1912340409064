package health.registration.local;

import java.util.Optional;

/**
 * One request of {@link RegistrationFuzzIT}: where it goes, its body and content type, an optional
 * {@code Idempotency-Key}, and what was done to the body ({@code kind}), so a failure names its input.
 */
record FuzzRequest(int number, String path, String contentType, Optional<String> idempotencyKey, Body body) {

    /** A request body and the mutations that made it. */
    record Body(String kind, byte[] bytes) {}

    String kind() {
        return path + " " + body.kind();
    }
}
