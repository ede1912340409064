package health.registration.core.issue;

import health.registration.core.model.Parsed;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code Idempotency-Key} header, which is a credential: whoever repeats it within 24 hours gets the first answer,
 * client secret included. So it must carry at least 128 bits a caller cannot guess: a UUID, in any textual form of
 * RFC 9562 §4 (hex digits in either case, optionally as a {@code urn:uuid:} URN, RFC 9562 §4 and §7), or 22 to 128
 * base64url characters (RFC 4648 §5, 132 to 768 bits). A key of one repeated character (the nil and max UUIDs,
 * {@code aaaa…}) is refused as obviously chosen, not drawn. UUIDs are compared in their canonical lower-case form,
 * so {@code A…} and {@code a…} are one key; base64url keys exactly as sent.
 *
 * @param value the key in its canonical form
 */
public record IdempotencyKey(String value) {

    /** The longest base64url key: 96 bytes, well beyond any random value a client draws. */
    public static final int MAX_BASE64URL_LENGTH = 128;
    /** The shortest base64url key: 22 characters hold 132 bits. */
    public static final int MIN_BASE64URL_LENGTH = 22;

    private static final Pattern UUID = Pattern.compile(
            "(?:urn:uuid:)?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASE64URL = Pattern.compile(
            "[A-Za-z0-9_-]{" + MIN_BASE64URL_LENGTH + "," + MAX_BASE64URL_LENGTH + "}");
    static final String PROBLEM = "Idempotency-Key must be a random UUID (e.g. from crypto.randomUUID()) or 22 to 128"
            + " base64url characters of at least 128 random bits: it protects the stored answer, client secret"
            + " included, so it must not be guessable.";

    public IdempotencyKey {
        Objects.requireNonNull(value);
    }

    /** The key of a header's value, or why it is refused (a sentence that never repeats the value). */
    public static Parsed<IdempotencyKey> parse(String header) {
        if (header == null || header.length() > MAX_BASE64URL_LENGTH) {
            return Parsed.failure(PROBLEM);
        }
        Matcher uuid = UUID.matcher(header);
        String canonical = uuid.matches() ? uuid.group(1).toLowerCase(Locale.ROOT)
                : BASE64URL.matcher(header).matches() ? header : null;
        if (canonical == null || canonical.replace("-", "").chars().distinct().count() == 1) {
            return Parsed.failure(PROBLEM);
        }
        return Parsed.ok(new IdempotencyKey(canonical));
    }

    /** Never the key: it is a credential. */
    @Override
    public String toString() {
        return "IdempotencyKey[redacted]";
    }
}
