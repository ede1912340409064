package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5280 §5.3.1 reason codes, read as an operator writes them. */
class RevocationReasonTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # text                   | reason                 | CRLReason
        key_compromise           | KEY_COMPROMISE         | 1
        keyCompromise            | KEY_COMPROMISE         | 1
        ' SUPERSEDED '           | SUPERSEDED             | 4
        unspecified              | UNSPECIFIED            | 0
        affiliation_changed      | AFFILIATION_CHANGED    | 3
        cessationOfOperation     | CESSATION_OF_OPERATION | 5
        privilege_withdrawn      | PRIVILEGE_WITHDRAWN    | 9
        certificate_hold         | null                   | -1
        removeFromCRL            | null                   | -1
        ''                       | null                   | -1
        null                     | null                   | -1
        """)
    void readsCodesAndRfc5280Names(String text, RevocationReason reason, int crlReason) {
        assertThat(RevocationReason.parse(text)).isEqualTo(Optional.ofNullable(reason));
        if (reason != null) {
            assertThat(reason.crlReason()).isEqualTo(crlReason);
            assertThat(RevocationReason.parse(reason.code())).contains(reason);
        }
    }
}
