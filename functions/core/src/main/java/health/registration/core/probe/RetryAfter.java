package health.registration.core.probe;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code Retry-After} header (RFC 9110 §10.2.3): {@code delay-seconds} (digits) or an {@code HTTP-date}
 * (IMF-fixdate, RFC 9110 §5.6.7, which {@link DateTimeFormatter#RFC_1123_DATE_TIME} reads). The value comes from a
 * host anyone may name, so it is bounded before use: at most {@value #MAX_LENGTH} characters are kept, and the wait
 * it asks for is clamped by the caller.
 */
public final class RetryAfter {

    static final int MAX_LENGTH = 64;
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,10}");

    private RetryAfter() {}

    /** The header as kept on a probe: stripped, printable ASCII, at most {@value #MAX_LENGTH} characters; else null. */
    public static String bounded(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return null;
        }
        return value;
    }

    /**
     * The wait the header asks for from {@code now}: never negative (a date in the past asks for none); empty when it
     * is neither form.
     */
    public static Optional<Duration> delay(String header, Instant now) {
        String value = bounded(header);
        if (value == null) {
            return Optional.empty();
        }
        if (SECONDS.matcher(value).matches()) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
