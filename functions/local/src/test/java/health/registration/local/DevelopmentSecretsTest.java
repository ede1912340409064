package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import health.registration.core.certificate.IssuingAuthority;
import health.registration.core.udap.CommunitySigningCredentials;
import health.registration.core.udap.TrustAnchors;
import health.registration.core.udap.TrustCommunity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What scripts/make-dev-secrets makes is read by the service's own readers as the functions read their secrets:
 * the server credentials for the FHIR base URL, the anchors, and the CA under its name (DevelopmentSecretsIT stores
 * them in moto and has the local API use them). Its arguments are checked before anything is made or stored.
 */
class DevelopmentSecretsTest {

    private static final URI FHIR = URI.create("https://fhir.example.com/r4");
    private static final URI CRL = URI.create("https://registration.example.com/crl/developers.crl");
    private static final String COMMUNITY = "urn:example:fhir-registration:dev";
    private static DevelopmentPki pki;

    @BeforeAll
    static void make() throws Exception {
        pki = DevelopmentPki.make(FHIR, CRL, COMMUNITY, Instant.now());
    }

    @Test
    void theServerCredentialsSignForTheFhirBaseUrlWithAChainToTheAnchor() {
        CommunitySigningCredentials credentials = CommunitySigningCredentials.parse(pki.serverCredentials(),
                FHIR.toString());
        TrustCommunity community = TrustAnchors.parse(pki.trustAnchors()).byUri(COMMUNITY).orElseThrow();

        assertThat(CommunitySigningCredentials.issuedIn(credentials.defaults(), community)).isTrue();
        assertThat(credentials.defaults().chain()).hasSize(2);
    }

    @Test
    void theServerCredentialsAreRefusedForAnotherFhirBaseUrl() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommunitySigningCredentials.parse(
                pki.serverCredentials(), "https://other.example.com/r4"));
    }

    @Test
    void theCertificateAuthorityIsOneTheCertificatesFunctionSignsWith() {
        IssuingAuthority authority = IssuingAuthority.fromPem(pki.certificateAuthority(), pki.certificateAuthority(),
                "developers");

        assertThat(authority.certificate()).isEqualTo(TrustAnchors.parse(pki.trustAnchors()).communities().get(0)
                .anchor());
        assertThat(authority.notAfter()).isAfter(Instant.now().plusSeconds(4L * 365 * 86400));
    }

    @Test
    void noKeyIsInTheAnchorsOrInWhatIsPrinted() {
        assertThat(pki.trustAnchors()).doesNotContain("PRIVATE KEY");
        assertThat(pki.toString()).doesNotContain("PRIVATE KEY");
        DevelopmentSecrets.Arguments arguments = DevelopmentSecrets.Arguments.parse(List.of(
                "--public-base-url", "https://registration.example.com"));
        assertThat(DevelopmentSecrets.secrets(arguments, pki)).extracting(Object::toString).containsExactly(
                "UdapServerCredentialsSecret=fhir-registration/dev/udap-server-credentials",
                "UdapTrustAnchorsSecret=fhir-registration/dev/udap-trust-anchors",
                "CertificateAuthoritySecret=fhir-registration/dev/certificate-authority");
    }

    @Test
    void theFhirBaseUrlDefaultsToThePublicBaseUrlAndTheCrlIsTheCasOwn() {
        DevelopmentSecrets.Arguments arguments = DevelopmentSecrets.Arguments.parse(List.of(
                "--public-base-url", "https://registration.example.com/", "--ca-name", "dev-ca"));

        assertThat(arguments.fhirBaseUrl()).hasToString("https://registration.example.com");
        assertThat(arguments.crlUrl()).hasToString("https://registration.example.com/crl/dev-ca.crl");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fhir-base-url|https://fhir.example.com|--public-base-url is required",
        "--public-base-url|ftp://registration.example.com|--public-base-url must be an absolute http(s) URL",
        "--public-base-url|https://registration.example.com?x=1|--public-base-url must be an absolute http(s) URL",
        "--ca-name|Developers|--public-base-url is required",
        "--unknown|x|unknown argument or missing value: --unknown",
    })
    void refusesAWrongArgumentWithUsageAndStoresNothing(String name, String value, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = DevelopmentSecrets.run(List.of(name, value), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message, "usage: scripts/make-dev-secrets");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ca-name|Developers|--ca-name must be lower-case letters, digits and hyphens",
        "--prefix|dev prefix/|--prefix may hold only letters, digits and /_+=.@-",
        "--community|not a uri|--community must be an absolute URI",
    })
    void refusesAWrongOptionalArgument(String name, String value, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> DevelopmentSecrets.Arguments.parse(List.of(
                "--public-base-url", "https://registration.example.com", name, value))).withMessage(message);
    }
}
