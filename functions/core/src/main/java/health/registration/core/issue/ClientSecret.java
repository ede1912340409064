package health.registration.core.issue;

import java.util.Objects;

/** A client secret: 256 random bits, base64url. Its {@code toString} never shows it, so it cannot slip into a log. */
public record ClientSecret(String value) {

    public ClientSecret {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
