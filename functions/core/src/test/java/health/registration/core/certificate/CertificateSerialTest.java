package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5280 §4.1.2.2: positive serials of at most 20 octets; the forms an operator may copy one in. */
class CertificateSerialTest {

    @Test
    void drawsPositiveSerialsThatFitTwentyOctets() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            BigInteger serial = CertificateSerial.random(random);
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
        }
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # text                       | serial (hex) | reason
        1a2b3c                       | 1a2b3c       | the record form
        1A2B3C                       | 1a2b3c       | upper case
        00:1A:2B:3C                  | 1a2b3c       | openssl -text form with a leading zero octet
        '  1a2b3c  '                 | 1a2b3c       | surrounding space
        7fffffffffffffffffffffffffffffffffffffff | 7fffffffffffffffffffffffffffffffffffffff | 40 digits
        00ffffffffffffffffffffffffffffffffffffffff | ffffffffffffffffffffffffffffffffffffffff | 20 octets after a leading zero
        1ffffffffffffffffffffffffffffffffffffffff | null | 41 digits
        0                            | null         | zero is no serial
        ''                           | null         | empty
        null                         | null         | absent
        -1a                          | null         | negative
        0x1a                         | null         | a prefix
        1a2b3g                       | null         | not hex
        """)
    void readsASerialAsAnOperatorWritesIt(String text, String hex, String reason) {
        Optional<BigInteger> parsed = CertificateSerial.parse(text);

        assertThat(parsed.map(CertificateSerial::hex)).as(reason).isEqualTo(Optional.ofNullable(hex));
    }
}
