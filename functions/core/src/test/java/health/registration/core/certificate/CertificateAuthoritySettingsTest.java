package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateAuthoritySettingsTest {

    private static final URI BASE = URI.create("https://api.example.org/v1");

    @Test
    void defaultsToAYearAndWeeklyCrlsRefreshedADayAhead() {
        CertificateAuthoritySettings settings = CertificateAuthoritySettings.defaults(BASE);

        assertThat(settings.validity()).isEqualTo(Duration.ofDays(365));
        assertThat(settings.crlValidity()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.crlRefresh()).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # base URL                    | validity | CRL validity | refresh | reason
        ftp://api.example.org         | P365D    | P7D          | P1D     | not http(s)
        /v1                           | P365D    | P7D          | P1D     | relative
        https://api.example.org/?x=1  | P365D    | P7D          | P1D     | a query
        https://api.example.org       | PT0S     | P7D          | P1D     | no validity
        https://api.example.org       | P365D    | -P7D         | P1D     | a negative CRL validity
        https://api.example.org       | P365D    | P7D          | P7D     | a refresh as long as the CRL validity
        https://api.example.org       | P365D    | -P7D         | -P8D    | a negative CRL validity with a refresh shorter still
        https://api.example.org       | P365D    | P7D          | PT0S    | no refresh margin
        https://api.example.org       | P365D    | P7D          | -P1D    | a negative refresh margin
        https://api.example.org       | -P1D     | P7D          | P1D     | a negative validity
        https://api.example.org/#x    | P365D    | P7D          | P1D     | a fragment
        https:/v1                     | P365D    | P7D          | P1D     | no host
        """)
    void refusesSettingsThatCannotWork(String base, Duration validity, Duration crlValidity, Duration refresh, String reason) {
        assertThatThrownBy(() -> new CertificateAuthoritySettings(URI.create(base), validity, crlValidity, refresh))
                .as(reason).isInstanceOf(IllegalArgumentException.class);
    }
}
