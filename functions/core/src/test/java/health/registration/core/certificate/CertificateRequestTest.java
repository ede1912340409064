package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A certificate request's developer id is logged only when it is well formed ({@link DeveloperId}). */
class CertificateRequestTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" logged: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        dev-42:site.example_~  | true
        NULL                   | false
        ''                     | false
        dev 42                 | false
        dev\\n42               | false
        """)
    void showsTheDeveloperIdOnlyWhenWellFormed(String developerId, boolean logged) {
        CertificateRequest request = new CertificateRequest(null, null, null, developerId, null);

        assertThat(request.wellFormedDeveloperId()).isEqualTo(logged ? Optional.of(developerId) : Optional.empty());
    }
}
