package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The small values the prober is configured with: what each fetch accepts, the address policy, the limits. */
class ProbeWiringValuesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(UrlField.class)
    void fetchesALogoAsAnImageAndEveryOtherMemberAsAPage(UrlField field) {
        assertThat(FetchPurpose.of(field)).isEqualTo(field == UrlField.LOGO_URI ? FetchPurpose.IMAGE : FetchPurpose.PAGE);
    }

    @Test
    void acceptsWhatEachPurposeNeeds() {
        assertThat(FetchPurpose.PAGE.accept()).startsWith("text/html");
        assertThat(FetchPurpose.IMAGE.accept()).startsWith("image/png").doesNotContain("svg", "*/*");
        assertThat(FetchPurpose.CRL.accept()).startsWith("application/pkix-crl");
        assertThat(FetchPurpose.ISSUER_CERTIFICATE.accept()).startsWith("application/pkix-cert");
        assertThat(FetchPurpose.CHALLENGE.accept()).startsWith("text/plain");
    }

    @Test
    void exemptsOnlyTheConfiguredRanges() {
        ProbeConfiguration production = new ProbeConfiguration(Optional.empty(), Optional.empty(), List.of(), false,
                "agent", ProbeLimits.defaults());
        ProbeConfiguration fixture = new ProbeConfiguration(Optional.empty(), Optional.empty(),
                Cidr.parseList("127.0.0.194/32").value(), false, "agent", ProbeLimits.defaults());

        assertThat(production.addressPolicy().exemptions()).isEmpty();
        assertThat(fixture.addressPolicy().exemptions()).containsExactly(Cidr.parse("127.0.0.194/32").value());
    }

    @Test
    void describesATooLargeLogoByTheCapInKibibytes() {
        UrlMember logo = new UrlMember(UrlField.LOGO_URI, "/logo_uri", "https://app.example.com/logo.png",
                WebUrl.parse("https://app.example.com/logo.png"));

        assertThat(ProbeDescriptions.describe(logo, ProbeOutcome.TOO_LARGE, 200, null, null, ProbeLimits.defaults()))
                .endsWith("is larger than 1024 KiB");
    }

    @Test
    void limitsProbesAsTheSecurityDocumentSays() {
        // docs/security.md, "Limits".
        ProbeLimits limits = ProbeLimits.defaults();

        assertThat(limits.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.maxLogoBytes()).isEqualTo(1024 * 1024);
        assertThat(limits.maxPageBytes()).isEqualTo(16 * 1024);
    }
}
