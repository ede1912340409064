package health.registration.core.reverify;

import static health.registration.core.reverify.ClientFixtures.CA;
import static health.registration.core.reverify.ClientFixtures.CRL_URL;
import static health.registration.core.reverify.ClientFixtures.REGISTERED;
import static health.registration.core.reverify.ClientFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.policy.rules.ValidUdapMetadata;
import health.registration.core.udap.InMemoryCrlSource;
import health.registration.core.udap.TestAuthority;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TestPki;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A UDAP client's bound certificate under re-verification: validity, then revocation through the CRL source. */
class CertificateCheckTest {

    private static final Instant NOW = REGISTERED.plus(Duration.ofDays(30));
    private static final X509Certificate CURRENT = ClientFixtures.leaf(NOW.plus(Duration.ofDays(300)), CRL_URL);
    private static final X509Certificate EXPIRED = ClientFixtures.leaf(NOW.minusSeconds(1), CRL_URL);
    private static final X509Certificate ENDS_NOW = ClientFixtures.leaf(NOW, CRL_URL);
    private static final X509Certificate NO_CRL = ClientFixtures.leaf(NOW.plus(Duration.ofDays(300)));
    private static final TestAuthority OTHER_CA = TestAuthority.root("Other CA", TestKeys.rsa(),
            REGISTERED.minus(Duration.ofDays(365)), REGISTERED.plus(Duration.ofDays(3650)), CRL_URL);

    static Stream<Arguments> certificates() {
        return Stream.of(
                // certificate, CRL at its distribution point (null: unavailable), expected code, kind, why
                Arguments.of(CURRENT, CA.crl(NOW, NOW.plus(Duration.ofDays(1))), null, null, "current and not listed"),
                Arguments.of(NO_CRL, null, null, null, "no distribution point: nothing to ask"),
                Arguments.of(EXPIRED, CA.crl(NOW, NOW.plus(Duration.ofDays(1))), CertificateCheck.EXPIRED,
                        FailureKind.HARD, "past its notAfter"),
                Arguments.of(ENDS_NOW, CA.crl(NOW, NOW.plus(Duration.ofDays(1))), CertificateCheck.EXPIRED,
                        FailureKind.HARD, "notAfter is now: expired"),
                Arguments.of(CURRENT, CA.crl(NOW, NOW.plus(Duration.ofDays(1)), CURRENT), CertificateCheck.REVOKED,
                        FailureKind.HARD, "listed on its issuer's CRL"),
                Arguments.of(CURRENT, OTHER_CA.crl(NOW, NOW.plus(Duration.ofDays(1)), CURRENT), null, null,
                        "listed by another issuer's CRL, which cannot speak for it"),
                Arguments.of(CURRENT, null, CertificateCheck.REVOCATION_UNKNOWN, FailureKind.TRANSIENT,
                        "CRL unavailable: transient, like an unreachable URL"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("certificates")
    void judgesTheBoundCertificate(X509Certificate certificate, java.security.cert.X509CRL crl, String code,
                                   FailureKind kind, String why) {
        InMemoryCrlSource crls = new InMemoryCrlSource();
        if (crl != null) {
            crls.with(CRL_URL, crl);
        }

        List<CheckProblem> problems = new CertificateCheck(crls).problems(client(ClientFixtures.binding(certificate)), NOW);

        if (code == null) {
            assertThat(problems).as(why).isEmpty();
        } else {
            assertThat(problems).as(why).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(code);
                assertThat(p.kind()).isEqualTo(kind);
                assertThat(p.member()).isEqualTo("/software_statement");
                assertThat(CertificateCheck.disqualifies(p)).isEqualTo(kind == FailureKind.HARD);
            });
        }
    }

    /**
     * A client that registered with only its leaf in x5c, its intermediate fetched through Authority Information
     * Access (UDAP DCR §4.2), is bound to that leaf like any other: re-verification builds no chain and fetches no
     * issuer, only the leaf's own CRL.
     */
    @ParameterizedTest(name = "revoked: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void judgesALeafRegisteredWithoutItsIntermediateByItsOwnCrlAlone(boolean revoked) {
        TestPki pki = TestPki.create("aia-reverify", REGISTERED);
        X509Certificate leaf = pki.intermediate().publishingCertificateAt("http://ca.aia-reverify.example.com/i.cer")
                .issue(pki.leafSpec("https://app.example.com/udap")).certificate();
        InMemoryCrlSource crls = new InMemoryCrlSource().with(pki.crlUrl("intermediate"), revoked
                ? pki.intermediate().crl(NOW, NOW.plus(Duration.ofDays(1)), leaf)
                : pki.intermediate().crl(NOW, NOW.plus(Duration.ofDays(1))));

        List<CheckProblem> problems = new CertificateCheck(crls).problems(client(ClientFixtures.binding(leaf)), NOW);

        if (revoked) {
            assertThat(problems).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo(CertificateCheck.REVOKED));
        } else {
            assertThat(problems).isEmpty();
        }
        assertThat(crls.requests()).containsExactly(URI.create(pki.crlUrl("intermediate")));
    }

    @org.junit.jupiter.api.Test
    void aCertificateThatCannotBeReadDisqualifies() {
        CertificateBinding unreadable = new CertificateBinding("https://app.example.com/udap",
                "https://community.example.org", "MIIB", "thumbprint");

        List<CheckProblem> problems = new CertificateCheck(new InMemoryCrlSource()).problems(client(unreadable), NOW);

        assertThat(problems).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo(CertificateCheck.UNREADABLE));
    }

    @org.junit.jupiter.api.Test
    void aClientWithoutACertificateHasNothingToCheck() {
        InMemoryCrlSource crls = new InMemoryCrlSource();

        assertThat(new CertificateCheck(crls).problems(ClientFixtures.active(id(1), ClientFixtures.stored(), NOW), NOW)).isEmpty();
        assertThat(crls.requests()).isEmpty();
    }

    private static ClientRecord client(CertificateBinding binding) {
        return ClientFixtures.record(id(1), ClientStatus.ACTIVE, ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC),
                Credentials.ofCertificate(binding, REGISTERED), ClientFixtures.checks(NOW, 0, null, List.of(), List.of()));
    }
}
