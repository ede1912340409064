package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @ParameterizedTest(name = "''{0}'' -> {1} s")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            120                             | 120   | delay-seconds
            0                               | 0     | no wait
            ' 3600 '                        | 3600  | surrounding blanks
            Mon, 07 Dec 2026 10:05:00 GMT   | 300   | an HTTP-date (IMF-fixdate)
            Mon, 07 Dec 2026 09:00:00 GMT   | 0     | a date in the past asks for no wait
            -5                              | null  | a negative number is neither form
            1.5                             | null  | nor is a fraction
            12345678901                     | null  | more digits than any sensible delay
            tomorrow                        | null  | nor is a word
            ''                              | null  | empty
            null                            | null  | absent
            """)
    void readsDelaySecondsOrAnHttpDate(String header, Long seconds, String reason) {
        assertThat(RetryAfter.delay(header, NOW)).as(reason)
                .isEqualTo(seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            Mon, 07 Dec 2026 10:05:00 GMT    | Mon, 07 Dec 2026 10:05:00 GMT | spaces inside are printable
            ' 120 '                          | 120                           | stripped
            ~                                | ~                             | the last printable character
            64                               | 64-chars                      | exactly the longest kept
            65                               | null                          | one past the longest
            DEL                              | null                          | DEL is a control character
            BEL                              | null                          | as is BEL
            ''                               | null                          | empty
            null                             | null                          | absent
            """)
    void keepsAHeaderOnlyWhenShortAndPrintable(String header, String kept, String reason) {
        String sent = switch (String.valueOf(header)) {
            case "64" -> "1".repeat(RetryAfter.MAX_LENGTH);
            case "65" -> "1".repeat(RetryAfter.MAX_LENGTH + 1);
            case "DEL" -> "12\u007f";
            case "BEL" -> "12\u0007";
            default -> header;
        };

        assertThat(RetryAfter.bounded(sent)).as(reason).isEqualTo("64-chars".equals(kept) ? sent : kept);
    }
}
