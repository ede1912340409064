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

    private static final URI TOKEN = URI.create("https://auth.example.org/token");
    private static final URI AUTHORIZE = URI.create("https://auth.example.org/authorize");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "relative registration endpoint|/register|https://auth.example.org/authorize|registration_endpoint",
        "registration endpoint with a query|https://fhir.example.org/r4/register?x=1||registration_endpoint",
        "authorization endpoint with a query|https://fhir.example.org/r4/register|https://auth.example.org/authorize?x=1|authorization_endpoint",
        "authorization endpoint with user information|https://fhir.example.org/r4/register|https://u@auth.example.org/authorize|authorization_endpoint",
    })
    void refusesEndpointsThatAreNotPlainHttpUrls(String reason, String register, String authorize, String setting) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UdapMetadataSettings.parse(BASE, URI.create(register), authorize, TOKEN.toString(),
                        "openid"))
                .withMessageContaining(setting);
    }

    /** RFC 6749 §3.3: a scope token is %x21 / %x23-5B / %x5D-7E; each edge of each range. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "!a|true", "#a|true", "a[|true", "a]|true", "a~|true",
        "a\"|false", "a\\|false", "a\u007f|false", "a\u0020b|true",
    })
    void acceptsExactlyTheScopeTokenCharacters(String scope, boolean accepted) {
        // A space separates two scopes in the setting (a\u0020b is "a" and "b"), so it is accepted as two tokens.
        if (accepted) {
            assertThat(UdapMetadataSettings.parse(BASE, REGISTER, "", TOKEN.toString(), scope).scopesSupported())
                    .containsExactly(scope.split(" "));
        } else {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> UdapMetadataSettings.parse(BASE, REGISTER, "", TOKEN.toString(), scope))
                    .withMessageContaining("scopes_supported");
        }
    }

    @Test
    void capabilitiesMustAgreeWithTheAuthorizationEndpoint() {
        assertThatIllegalArgumentException().isThrownBy(() -> new UdapMetadataSettings(BASE, REGISTER,
                Optional.empty(), TOKEN, java.util.List.of("openid"), UdapCapabilities.defaults(true)))
                .withMessageContaining("authorization_code");
    }

    @Test
    void withCapabilitiesKeepsEverythingElseAndChecksTheNewCapabilities() {
        UdapMetadataSettings settings = new UdapMetadataSettings(BASE, REGISTER, Optional.of(AUTHORIZE), TOKEN,
                java.util.List.of("openid"));
        UdapCapabilities published = UdapCapabilities.defaults(true);

        UdapMetadataSettings changed = settings.withCapabilities(published);

        assertThat(changed.capabilities()).isSameAs(published);
        assertThat(changed).usingRecursiveComparison().ignoringFields("capabilities").isEqualTo(settings);
        assertThatIllegalArgumentException().isThrownBy(() -> settings.withCapabilities(
                UdapCapabilities.defaults(false)));
    }
}
