package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdapMetadataSettingsTest {

    private static final String BASE = "https://fhir.example.org/r4";
    private static final URI REGISTER = URI.create("https://fhir.example.org/r4/register");

    @Test
    void readsSpaceSeparatedScopesAndAnEmptyAuthorizationEndpointAsNone() {
        UdapMetadataSettings settings = UdapMetadataSettings.parse(BASE, REGISTER, " ",
                "https://auth.example.org/token", "  openid  system/*.rs\tuser/*.rs ");

        assertThat(settings.scopesSupported()).containsExactly("openid", "system/*.rs", "user/*.rs");
        assertThat(settings.authorizationEndpoint()).isEmpty();
        assertThat(settings.offersAuthorizationCode()).isFalse();
        assertThat(settings.tokenEndpoint()).isEqualTo(URI.create("https://auth.example.org/token"));
    }

    @Test
    void anAuthorizationEndpointOffersTheAuthorizationCodeGrant() {
        UdapMetadataSettings settings = UdapMetadataSettings.parse(BASE, REGISTER, "https://auth.example.org/authorize",
                "https://auth.example.org/token", "openid");

        assertThat(settings.authorizationEndpoint()).contains(URI.create("https://auth.example.org/authorize"));
        assertThat(settings.offersAuthorizationCode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // Inferno x.1.11: token_endpoint must be a valid http(s) URI
        "no token endpoint||openid|token_endpoint",
        "relative token endpoint|/token|openid|token_endpoint",
        "token endpoint of another scheme|ftp://auth.example.org/token|openid|token_endpoint",
        "token endpoint with a fragment|https://auth.example.org/token#x|openid|token_endpoint",
        // STU2 §2.2: scopes_supported is required, one or more
        "no scopes|https://auth.example.org/token||scopes_supported",
        "a scope with a quote|https://auth.example.org/token|openid bad\"scope|scopes_supported",
        "a scope twice|https://auth.example.org/token|openid openid|scopes_supported",
    })
    void refusesSettingsThatInfernoOrTheIgWouldRefuse(String reason, String token, String scopes, String setting) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UdapMetadataSettings.parse(BASE, REGISTER, "", token, scopes))
                .withMessageContaining(setting);
    }

    @Test
    void refusesABaseUrlWithAQuery() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UdapMetadataSettings(BASE + "?x=1", REGISTER,
                Optional.empty(), URI.create("https://auth.example.org/token"), java.util.List.of("openid")))
                .withMessageContaining("base URL");
    }
}
