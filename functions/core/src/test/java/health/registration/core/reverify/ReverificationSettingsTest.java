package health.registration.core.reverify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The re-verification settings (docs/operations/reverification.md): each bound at its edge, accepted at the last
 * value it allows and refused one past it; every other setting is the production default.
 */
class ReverificationSettingsTest {

    @ParameterizedTest(name = "[{index}] {10}")
    @CsvSource(delimiter = '|', textBlock = """
        # interval | jitter | failures | page | inline | segment | chunk | lanes | per host | accepted | reason
        PT24H      | PT0S   | 3        | 500  | 10000  | 1000    | 200   | 8     | 120      | true     | no jitter
        PT24H      | PT24H  | 3        | 500  | 10000  | 1000    | 200   | 8     | 120      | false    | a jitter as long as the interval
        PT24H      | -PT1S  | 3        | 500  | 10000  | 1000    | 200   | 8     | 120      | false    | a negative jitter
        PT0S       | PT0S   | 3        | 500  | 10000  | 1000    | 200   | 8     | 120      | false    | no interval
        PT24H      | PT1H   | 1        | 500  | 10000  | 1000    | 200   | 8     | 120      | true     | suspended after one failure
        PT24H      | PT1H   | 0        | 500  | 10000  | 1000    | 200   | 8     | 120      | false    | suspended after no failure
        PT24H      | PT1H   | 3        | 1    | 10000  | 1000    | 200   | 8     | 120      | true     | a page of one
        PT24H      | PT1H   | 3        | 0    | 10000  | 1000    | 200   | 8     | 120      | false    | a page of none
        PT24H      | PT1H   | 3        | 500  | 0      | 1000    | 200   | 8     | 120      | true     | no client checked inline
        PT24H      | PT1H   | 3        | 500  | -1     | 1000    | 200   | 8     | 120      | false    | a negative inline limit
        PT24H      | PT1H   | 3        | 500  | 10000  | 1       | 200   | 8     | 120      | true     | a segment of one
        PT24H      | PT1H   | 3        | 500  | 10000  | 0       | 200   | 8     | 120      | false    | a segment of none
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 1     | 8     | 120      | true     | a chunk of one URL
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 0     | 8     | 120      | false    | a chunk of none
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 1000  | 8     | 120      | true     | the probe function's most URLs per call
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 1001  | 8     | 120      | false    | one URL more than the probe function takes
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 200   | 1     | 120      | true     | one lane
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 200   | 0     | 120      | false    | no lane
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 200   | 8     | 1        | true     | one probe per host a minute
        PT24H      | PT1H   | 3        | 500  | 10000  | 1000    | 200   | 8     | 0        | false    | no probe per host
        """)
    void holdsEachBoundAtItsEdge(Duration interval, Duration jitter, int failures, int page, int inline, int segment,
                                 int chunk, int lanes, int perHost, boolean accepted, String reason) {
        Runnable build = () -> new ReverificationSettings(interval, jitter, Duration.ofHours(6), Duration.ofHours(1),
                failures, Duration.ofHours(72), page, inline, segment, chunk, lanes, perHost);
        if (accepted) {
            assertThatCode(build::run).as(reason).doesNotThrowAnyException();
        } else {
            assertThatIllegalArgumentException().as(reason).isThrownBy(build::run);
        }
    }
}
