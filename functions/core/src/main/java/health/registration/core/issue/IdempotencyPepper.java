package health.registration.core.issue;

import java.nio.charset.StandardCharsets;

/**
 * The server's secret that every Idempotency-Key derivation is keyed with (HMAC-SHA-256, RFC 2104), kept in Secrets
 * Manager and never in the table, so that a read of the table alone can neither open a stored answer nor tell which
 * key an entry belongs to. At least 32 characters (256 bits when drawn from 64 symbols, as the template's generated
 * secret is); its text is never shown.
 */
public final class IdempotencyPepper {

    /** The shortest pepper: 32 characters. */
    public static final int MIN_LENGTH = 32;

    private final byte[] bytes;

    private IdempotencyPepper(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException when the text is shorter than {@value #MIN_LENGTH} characters */
    public static IdempotencyPepper parse(String text) {
        String pepper = text.strip();
        if (pepper.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the Idempotency-Key pepper must be at least " + MIN_LENGTH
                    + " characters long");
        }
        return new IdempotencyPepper(pepper.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "IdempotencyPepper[redacted]";
    }
}
