package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A certificate's status as stored and shown (docs/api/certificates.md). */
class IssuedCertificateTest {

    @ParameterizedTest(name = "{0} is \"{1}\"")
    @CsvSource({"ISSUED, issued", "REVOKED, revoked"})
    void namesEachStatusByItsCode(IssuedCertificate.Status status, String code) {
        assertThat(status.code()).isEqualTo(code);
    }
}
