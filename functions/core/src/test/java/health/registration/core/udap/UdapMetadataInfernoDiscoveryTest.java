package health.registration.core.udap;

import static health.registration.core.udap.UdapMetadataInferno.assertHttpUri;
import static health.registration.core.udap.UdapMetadataInferno.strings;
import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.udap.UdapMetadataInferno.Run;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every check of the Inferno UDAP Security Test Kit's discovery group (v0.12.2, {@code discovery_group.rb})
 * up to x.1.16 against the document this server publishes, on both of Inferno's runs (see
 * {@link UdapMetadataInferno#runs()}); x.1.17 and x.1.18 are {@link UdapMetadataInfernoSignedMetadataTest}. Where
 * Inferno is STU1-lenient (x.1.09 and x.1.15 omit when the member is absent), these tests hold the document to the
 * STU2 rule (IG STU2 §2.2: both members required).
 */
class UdapMetadataInfernoDiscoveryTest {

    static Stream<Run> runs() throws Exception {
        return UdapMetadataInferno.runs();
    }

    @ParameterizedTest(name = "x.1.02 {0}")
    @MethodSource("runs")
    void udapVersionsSupportedIsExactlyOne(Run run) {
        assertThat(strings(run.get("udap_versions_supported"))).containsExactly("1");
    }

    @ParameterizedTest(name = "x.1.03 {0}")
    @MethodSource("runs")
    void grantTypesSupportedListsTheRequiredFlow(Run run) {
        List<String> grants = strings(run.get("grant_types_supported"));
        assertThat(grants).isNotEmpty();
        if (grants.contains("refresh_token")) {
            assertThat(grants).contains("authorization_code");
        }
        assertThat(grants).contains(run.requiredFlow());
    }

    @ParameterizedTest(name = "x.1.04 {0}")
    @MethodSource("runs")
    void udapProfilesSupportedNamesDcrAuthnAndAuthzForClientCredentials(Run run) {
        List<String> profiles = strings(run.get("udap_profiles_supported"));
        assertThat(profiles).contains("udap_dcr", "udap_authn");
        if (strings(run.get("grant_types_supported")).contains("client_credentials")) {
            assertThat(profiles).contains("udap_authz");
        }
    }

    @ParameterizedTest(name = "x.1.05 {0}")
    @MethodSource("runs")
    void authorizationExtensionsSupportedIncludeB2bForClientCredentials(Run run) {
        assertThat(run.get("udap_authorization_extensions_supported").isArray()).isTrue();
        if (run.requiredFlow().equals("client_credentials")) {
            assertThat(strings(run.get("udap_authorization_extensions_supported"))).contains("hl7-b2b");
        }
    }

    @ParameterizedTest(name = "x.1.06 {0}")
    @MethodSource("runs")
    void authorizationExtensionsRequiredIsPresentAndASubsetOfTheSupported(Run run) {
        assertThat(run.get("udap_authorization_extensions_supported").isEmpty()).isFalse();
        assertThat(run.get("udap_authorization_extensions_required").isArray()).isTrue();
        // STU1.1+: SHALL NOT name extensions that are not supported (Inferno does not check this).
        assertThat(strings(run.get("udap_authorization_extensions_supported")))
                .containsAll(strings(run.get("udap_authorization_extensions_required")));
    }

    @ParameterizedTest(name = "x.1.07 {0}")
    @MethodSource("runs")
    void certificationsSupportedIsAnArrayOfUris(Run run) {
        assertThat(strings(run.get("udap_certifications_supported")))
                .allMatch(uri -> Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:").matcher(uri).find());
    }

    @ParameterizedTest(name = "x.1.08 {0}")
    @MethodSource("runs")
    void certificationsRequiredIsOmittedBecauseNoneAreSupported(Run run) {
        // Inferno omits the test when udap_certifications_supported is empty; §2.2 makes required conditional on it.
        assertThat(run.get("udap_certifications_supported").isEmpty()).isTrue();
        assertThat(run.has("udap_certifications_required")).isFalse();
    }

    @ParameterizedTest(name = "x.1.09 {0}")
    @MethodSource("runs")
    void scopesSupportedIsPresentAndAnArrayOfStrings(Run run) {
        assertThat(strings(run.get("scopes_supported"))).isNotEmpty();
    }

    @ParameterizedTest(name = "x.1.10 {0}")
    @MethodSource("runs")
    void authorizationEndpointIsAnHttpUriWhenAuthorizationCodeIsOffered(Run run) {
        boolean authorizationCode = strings(run.get("grant_types_supported")).contains("authorization_code");
        assertThat(authorizationCode).isEqualTo(run.requiredFlow().equals("authorization_code"));
        if (authorizationCode) {
            assertHttpUri(run.get("authorization_endpoint"));
        } else {
            // UDAP Server Metadata: SHOULD NOT be present when authorization_code is not supported.
            assertThat(run.has("authorization_endpoint")).isFalse();
        }
    }

    @ParameterizedTest(name = "x.1.11 {0}")
    @MethodSource("runs")
    void tokenEndpointIsAnHttpUri(Run run) {
        assertHttpUri(run.get("token_endpoint"));
    }

    @ParameterizedTest(name = "x.1.12 {0}")
    @MethodSource("runs")
    void tokenEndpointAuthMethodsSupportedIsExactlyPrivateKeyJwt(Run run) {
        assertThat(strings(run.get("token_endpoint_auth_methods_supported"))).containsExactly("private_key_jwt");
    }

    @ParameterizedTest(name = "x.1.13 {0}")
    @MethodSource("runs")
    void tokenEndpointSigningAlgsIncludeRs256(Run run) {
        assertThat(strings(run.get("token_endpoint_auth_signing_alg_values_supported"))).isNotEmpty().contains("RS256");
    }

    @ParameterizedTest(name = "x.1.14 {0}")
    @MethodSource("runs")
    void registrationEndpointIsAnHttpUri(Run run) {
        assertHttpUri(run.get("registration_endpoint"));
    }

    @ParameterizedTest(name = "x.1.15 {0}")
    @MethodSource("runs")
    void registrationEndpointSigningAlgsArePresentAndIncludeRs256(Run run) {
        assertThat(strings(run.get("registration_endpoint_jwt_signing_alg_values_supported"))).contains("RS256");
    }

    @ParameterizedTest(name = "x.1.16 {0}")
    @MethodSource("runs")
    void signedMetadataIsAStringShapedLikeAJwt(Run run) {
        assertThat(run.get("signed_metadata").isTextual()).isTrue();
        assertThat(run.get("signed_metadata").textValue()).matches(UdapMetadataInferno.JWT_SHAPE);
    }
}
