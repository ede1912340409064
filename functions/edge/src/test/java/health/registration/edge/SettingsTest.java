package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://example.com/register", "http://127.0.0.1:3000/manual"})
    void readsTheManualRegistrationUrl(String url) {
        Settings settings = new Settings(Map.of(Settings.MANUAL_REGISTRATION_URL, url));

        assertThat(settings.policyContext().manualRegistrationUrl()).hasToString(url);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "example.com/register", "ftp://example.com/", "https:///x", "https://exa mple.com/"})
    void refusesToStartWithoutAUsableManualRegistrationUrl(String url) {
        Settings settings = new Settings(Map.of(Settings.MANUAL_REGISTRATION_URL, url));

        assertThatThrownBy(settings::manualRegistrationUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Settings.MANUAL_REGISTRATION_URL);
    }

    @org.junit.jupiter.api.Test
    void refusesToStartWhenTheManualRegistrationUrlIsUnset() {
        assertThatThrownBy(() -> new Settings(Map.of()).manualRegistrationUrl()).hasMessageContaining("must be set");
    }
}
