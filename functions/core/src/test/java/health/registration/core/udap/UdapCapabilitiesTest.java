package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IG STU2 §2.2 (with STU2 b2b §5.2.1.1 and IG general §7.1.2): which advertised capabilities go together. */
class UdapCapabilitiesTest {

    /** The lists of a capability set, one of which a row changes. */
    private record Lists(List<String> profiles, List<String> extensions, List<String> extensionsRequired,
                         List<String> certifications, List<String> certificationsRequired, List<String> grants,
                         List<String> tokenAlgs, List<String> registrationAlgs) {

        static Lists of(UdapCapabilities c) {
            return new Lists(c.profilesSupported(), c.extensionsSupported(), c.extensionsRequired(),
                    c.certificationsSupported(), c.certificationsRequired(), c.grantTypesSupported(),
                    c.tokenSigningAlgs(), c.registrationSigningAlgs());
        }

        UdapCapabilities build() {
            return new UdapCapabilities(profiles, extensions, extensionsRequired, certifications, certificationsRequired,
                    grants, tokenAlgs, registrationAlgs);
        }

        Lists withProfiles(String... v) { return new Lists(List.of(v), extensions, extensionsRequired, certifications, certificationsRequired, grants, tokenAlgs, registrationAlgs); }
        Lists withExtensions(String... v) { return new Lists(profiles, List.of(v), extensionsRequired, certifications, certificationsRequired, grants, tokenAlgs, registrationAlgs); }
        Lists withExtensionsRequired(String... v) { return new Lists(profiles, extensions, List.of(v), certifications, certificationsRequired, grants, tokenAlgs, registrationAlgs); }
        Lists withCertifications(String... v) { return new Lists(profiles, extensions, extensionsRequired, List.of(v), certificationsRequired, grants, tokenAlgs, registrationAlgs); }
        Lists withCertificationsRequired(String... v) { return new Lists(profiles, extensions, extensionsRequired, certifications, List.of(v), grants, tokenAlgs, registrationAlgs); }
        Lists withGrants(String... v) { return new Lists(profiles, extensions, extensionsRequired, certifications, certificationsRequired, List.of(v), tokenAlgs, registrationAlgs); }
        Lists withTokenAlgs(String... v) { return new Lists(profiles, extensions, extensionsRequired, certifications, certificationsRequired, grants, List.of(v), registrationAlgs); }
        Lists withRegistrationAlgs(String... v) { return new Lists(profiles, extensions, extensionsRequired, certifications, certificationsRequired, grants, tokenAlgs, List.of(v)); }
    }

    private static final Lists VALID = Lists.of(UdapCapabilities.defaults(true));
    private static final String CERT = "https://certifications.example.org/b2b";

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void judgesEachCombination(String reason, UnaryOperator<Lists> change, String member, String phrase) {
        Lists lists = change.apply(VALID);
        if (member == null) {
            assertThat(lists.build()).isNotNull();
            return;
        }
        assertThatThrownBy(lists::build).isInstanceOf(UdapCapabilities.Inconsistent.class)
                .hasMessageContaining(phrase)
                .satisfies(e -> assertThat(((UdapCapabilities.Inconsistent) e).member()).isEqualTo(member));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("today's defaults", l -> l, null, null),
                // udap_profiles_supported: udap_dcr and udap_authn SHALL be listed; udap_authz with client_credentials
                row("udap_to added", l -> l.withProfiles("udap_dcr", "udap_authn", "udap_authz", "udap_to"), null, null),
                row("no udap_dcr", l -> l.withProfiles("udap_authn", "udap_authz"), "udap_profiles_supported", "udap_dcr and udap_authn"),
                row("no udap_authn", l -> l.withProfiles("udap_dcr", "udap_authz"), "udap_profiles_supported", "udap_dcr and udap_authn"),
                row("no udap_authz with client_credentials", l -> l.withProfiles("udap_dcr", "udap_authn"), "udap_profiles_supported", "udap_authz"),
                row("no udap_authz, authorization_code only", l -> l.withProfiles("udap_dcr", "udap_authn").withGrants("authorization_code"), null, null),
                row("an unknown profile", l -> l.withProfiles("udap_dcr", "udap_authn", "udap_authz", "udap_x"), "udap_profiles_supported", "may hold only"),
                row("a profile twice", l -> l.withProfiles("udap_dcr", "udap_authn", "udap_authz", "udap_dcr"), "udap_profiles_supported", "twice"),
                // extensions: required ⊆ supported; hl7-b2b with client_credentials
                row("hl7-b2b required", l -> l.withExtensionsRequired("hl7-b2b"), null, null),
                row("an unsupported extension required", l -> l.withExtensionsRequired("acme-ext"), "udap_authorization_extensions_required", "_supported"),
                row("no hl7-b2b with client_credentials", l -> l.withExtensions("acme-ext"), "udap_authorization_extensions_supported", "hl7-b2b"),
                row("no extension, authorization_code only", l -> l.withExtensions().withGrants("authorization_code", "refresh_token"), null, null),
                // certifications: URIs; required ⊆ supported
                row("a certification supported and required", l -> l.withCertifications(CERT).withCertificationsRequired(CERT), null, null),
                row("a certification required, none supported", l -> l.withCertificationsRequired(CERT), "udap_certifications_required", "_supported"),
                row("a certification that is not a URI", l -> l.withCertifications("b2b cert"), "udap_certifications_supported", "absolute URIs"),
                // grant_types_supported
                row("client_credentials only", l -> l.withGrants("client_credentials"), null, null),
                row("authorization_code without refresh_token", l -> l.withGrants("authorization_code"), null, null),
                row("no grant", l -> l.withGrants(), "grant_types_supported", "authorization_code or client_credentials"),
                row("refresh_token alone with client_credentials", l -> l.withGrants("client_credentials", "refresh_token"), "grant_types_supported", "refresh_token only together"),
                row("an unknown grant", l -> l.withGrants("client_credentials", "password"), "grant_types_supported", "may hold only"),
                // signing algorithms: from the IG's four, RS256 always
                row("RS256 alone", l -> l.withTokenAlgs("RS256").withRegistrationAlgs("RS256"), null, null),
                row("token algorithms without RS256", l -> l.withTokenAlgs("ES256"), "token_endpoint_auth_signing_alg_values_supported", "RS256"),
                row("registration algorithms without RS256", l -> l.withRegistrationAlgs("ES384"), "registration_endpoint_jwt_signing_alg_values_supported", "RS256"),
                row("an algorithm the IG does not name", l -> l.withRegistrationAlgs("RS256", "HS256"), "registration_endpoint_jwt_signing_alg_values_supported", "drawn from"));
    }

    private static Arguments row(String reason, UnaryOperator<Lists> change, String member, String phrase) {
        return Arguments.of(reason, change, member, phrase);
    }

    @Test
    void defaultsAreWhatTheServicePublishedBefore() {
        assertThat(UdapCapabilities.defaults(false).grantTypesSupported()).containsExactly("client_credentials");
        assertThat(UdapCapabilities.defaults(true).grantTypesSupported())
                .containsExactly("authorization_code", "refresh_token", "client_credentials");
        assertThat(UdapCapabilities.defaults(true).profilesSupported()).containsExactly("udap_dcr", "udap_authn", "udap_authz");
        assertThat(UdapCapabilities.defaults(true).registrationSigningAlgs()).containsExactly("RS256", "ES256", "RS384", "ES384");
    }

    @Test
    void authorizationCodeGoesWithAnAuthorizationEndpointBothWays() {
        UdapCapabilities credentialsOnly = VALID.withGrants("client_credentials").build();
        UdapCapabilities code = VALID.build();

        assertThatThrownBy(() -> code.requireAuthorizationEndpoint(false))
                .isInstanceOf(UdapCapabilities.Inconsistent.class).hasMessageContaining("only when an authorization endpoint");
        assertThatThrownBy(() -> credentialsOnly.requireAuthorizationEndpoint(true))
                .isInstanceOf(UdapCapabilities.Inconsistent.class).hasMessageContaining("must list authorization_code");
        code.requireAuthorizationEndpoint(true);
        credentialsOnly.requireAuthorizationEndpoint(false);
    }
}
