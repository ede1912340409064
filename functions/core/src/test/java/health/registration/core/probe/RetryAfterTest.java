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
}
