package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import health.registration.core.udap.UdapMetadataSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One decision whether UDAP is on, for discovery and registration alike, and what discovery advertises. */
class UdapSettingsTest {

    private static final String PUBLIC = "https://registration.example.com";
    private static final String FHIR = "https://fhir.example.org/r4";

    /** UDAP fully configured through secrets, as in AWS; the key is never read to decide. */
    private static Map<String, String> on() {
        Map<String, String> environment = new HashMap<>();
        environment.put(Settings.PUBLIC_BASE_URL, PUBLIC);
        environment.put(Settings.UDAP_TRUST_ANCHORS_SECRET, "udap/anchors");
        environment.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, "udap/server");
        environment.put(Settings.UDAP_TOKEN_ENDPOINT, "https://auth.example.org/token");
        environment.put(Settings.SCOPES_SUPPORTED, "openid system/*.rs");
        return environment;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> environment = on();
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return environment;
    }

    @Test
    void isOnWithAnchorsCredentialsAndATokenEndpointAndOffWithNoneOfThem() {
        Map<String, String> off = new HashMap<>(Map.of(Settings.PUBLIC_BASE_URL, PUBLIC,
                Settings.UDAP_TOKEN_ENDPOINT, "https://auth.example.org/token"));

        assertThat(UdapSettings.of(new Settings(on()))).isPresent();
        assertThat(UdapSettings.of(new Settings(off))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("halfConfigured")
    void refusesToStartHalfConfiguredNamingWhatIsMissing(String reason, Map<String, String> environment,
                                                         String named) {
        assertThatIllegalStateException().isThrownBy(() -> UdapSettings.of(new Settings(environment)))
                .withMessageContaining(named);
    }

    static Stream<Arguments> halfConfigured() {
        Map<String, String> keyFileOnly = with(Settings.UDAP_SERVER_CREDENTIALS_SECRET, null);
        keyFileOnly.remove(Settings.UDAP_TRUST_ANCHORS_SECRET);
        keyFileOnly.put(Settings.UDAP_SERVER_KEY_FILE, "/nonexistent/server.key");
        return Stream.of(
                Arguments.of("anchors without credentials", with(Settings.UDAP_SERVER_CREDENTIALS_SECRET, null),
                        Settings.UDAP_SERVER_CREDENTIALS_SECRET),
                Arguments.of("credentials without anchors", with(Settings.UDAP_TRUST_ANCHORS_SECRET, " "),
                        Settings.UDAP_TRUST_ANCHORS_SECRET),
                Arguments.of("a key file alone", keyFileOnly, Settings.UDAP_TRUST_ANCHORS_FILE),
                Arguments.of("no token endpoint", with(Settings.UDAP_TOKEN_ENDPOINT, null), Settings.UDAP_TOKEN_ENDPOINT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inconsistentCapabilities")
    void refusesToStartWithInconsistentCapabilitiesNamingTheSetting(String reason, String setting, String value) {
        assertThatIllegalStateException().isThrownBy(() -> UdapSettings.of(new Settings(with(setting, value))))
                .withMessageStartingWith(setting + ": ");
    }

    static Stream<Arguments> inconsistentCapabilities() {
        return Stream.of(
                Arguments.of("no udap_dcr", Settings.UDAP_PROFILES_SUPPORTED, "udap_authn udap_authz"),
                Arguments.of("no hl7-b2b with client_credentials", Settings.UDAP_AUTHORIZATION_EXTENSIONS_SUPPORTED, "acme"),
                Arguments.of("a required extension not supported", Settings.UDAP_AUTHORIZATION_EXTENSIONS_REQUIRED, "acme"),
                Arguments.of("a required certification not supported", Settings.UDAP_CERTIFICATIONS_REQUIRED,
                        "https://cert.example.org/b2b"),
                Arguments.of("authorization_code without an authorization endpoint", Settings.UDAP_GRANT_TYPES_SUPPORTED,
                        "authorization_code client_credentials"),
                Arguments.of("no RS256 at the token endpoint", Settings.UDAP_TOKEN_ENDPOINT_AUTH_SIGNING_ALGS, "ES256"),
                Arguments.of("HS256 for statements", Settings.UDAP_REGISTRATION_SIGNING_ALGS, "RS256 HS256"));
    }

    @Test
    void advertisesConfiguredCapabilitiesAndDefaultsToWhatWasPublishedBefore() {
        Map<String, String> environment = on();
        environment.put(Settings.UDAP_AUTHORIZATION_ENDPOINT, "https://auth.example.org/authorize");
        environment.put(Settings.UDAP_GRANT_TYPES_SUPPORTED, " authorization_code  refresh_token ");
        environment.put(Settings.UDAP_PROFILES_SUPPORTED, "udap_dcr udap_authn");

        UdapSettings udap = UdapSettings.of(new Settings(environment)).orElseThrow();

        assertThat(udap.capabilities().grantTypesSupported()).containsExactly("authorization_code", "refresh_token");
        assertThat(udap.capabilities().profilesSupported()).containsExactly("udap_dcr", "udap_authn");
        assertThat(UdapSettings.of(new Settings(on())).orElseThrow().capabilities().grantTypesSupported())
                .containsExactly("client_credentials");
    }

    @Test
    void signsAsTheFhirBaseUrlButKeepsTheRegistrationEndpointOfThePublicBaseUrl() {
        Map<String, String> environment = with(Settings.FHIR_BASE_URL, FHIR);

        UdapMetadataSettings published = UdapSettings.of(new Settings(environment)).orElseThrow().metadataSettings();

        assertThat(published.baseUrl()).isEqualTo(FHIR);
        // UDAP DCR §4.3: software statements are addressed (aud) to the registration endpoint, never the FHIR base.
        assertThat(published.registrationEndpoint()).isEqualTo(URI.create(PUBLIC + "/register"))
                .isEqualTo(new Settings(environment).registrationEndpoint());
        assertThat(UdapSettings.of(new Settings(on())).orElseThrow().fhirBaseUrl()).isEqualTo(PUBLIC);
    }

    @Test
    void refusesAFhirBaseUrlThatIsNotAnHttpUrl() {
        assertThatIllegalStateException().isThrownBy(() -> UdapSettings.of(new Settings(with(Settings.FHIR_BASE_URL,
                "fhir.example.org/r4"))).orElseThrow().metadataSettings()).withMessageContaining(Settings.FHIR_BASE_URL);
    }
}
