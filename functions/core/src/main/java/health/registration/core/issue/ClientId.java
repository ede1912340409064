package health.registration.core.issue;

import java.util.Objects;
import java.util.regex.Pattern;

/** A client identifier (RFC 7591 §3.2.1): 128 random bits, base64url without padding. */
public record ClientId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    public ClientId {
        Objects.requireNonNull(value);
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a client id this service issues");
        }
    }

    /** The id from a path or request, or empty when it cannot be one of ours (then no client has it). */
    public static java.util.Optional<ClientId> parse(String text) {
        return text != null && SHAPE.matcher(text).matches() ? java.util.Optional.of(new ClientId(text)) : java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
