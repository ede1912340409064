package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.udap.InMemoryCrlSource;
import health.registration.core.udap.RevocationFailureMode;
import health.registration.core.udap.SoftwareStatementVerifier;
import health.registration.core.udap.SoftwareStatements;
import health.registration.core.udap.StatementVerdict;
import health.registration.core.udap.TestCredential;
import health.registration.core.udap.TestKeys;
import health.registration.core.udap.TrustAnchors;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api/certificates.md, "With UDAP", end to end in core: with the issuing CA as a trust anchor and {@link
 * IssuingAuthorityCrlSource} as the verifier's CRL source, a certificate the authority issued signs a software
 * statement the UDAP verifier accepts; right after its revocation the next statement is unapproved (UDAP DCR §5.2),
 * with no cache in between.
 */
class CertificateAuthorityUdapTest {

    private static final String ENDPOINT = "https://fhir.example.org/oauth/register";
    private static final String COMMUNITY = "urn:example:developers";

    private final AuthorityBench bench = new AuthorityBench();
    private final InMemoryCrlSource elsewhere = new InMemoryCrlSource();
    private final SoftwareStatementVerifier verifier = new SoftwareStatementVerifier(
            TrustAnchors.parse("community: " + COMMUNITY + "\n" + bench.rootPem()),
            new IssuingAuthorityCrlSource(bench.ca.crlUrl(), AuthorityBench.CA_NAME, bench.store, elsewhere),
            RevocationFailureMode.REJECT, bench.clock, URI.create(ENDPOINT));

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("RSA-2048, RS256", TestCsrs.rsa2048()),
                Arguments.of("P-256, ES256", TestCsrs.ec(TestKeys.P256)),
                Arguments.of("P-384, ES384", TestCsrs.ec(TestKeys.P384)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("keys")
    void anIssuedCertificateRegistersUntilItIsRevoked(String reason, KeyPair keys) {
        IssuedCertificate issued = bench.issue(AuthorityBench.request(keys)).certificate();
        TestCredential client = new TestCredential(issued.x509(), keys);

        StatementVerdict before = verifier.verify(statement(client));

        assertThat(before).as("%s: %s", reason, before).isInstanceOf(StatementVerdict.Verified.class);
        StatementVerdict.Verified verified = (StatementVerdict.Verified) before;
        assertThat(verified.statement().issuer()).isEqualTo(TestCsrs.CLIENT_URI);
        assertThat(verified.statement().community().uri()).isEqualTo(COMMUNITY);

        bench.clock.advance(Duration.ofSeconds(1));
        bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, AuthorityBench.REQUESTER);
        bench.clock.advance(Duration.ofSeconds(1));
        StatementVerdict after = verifier.verify(statement(client));

        assertThat(after).as("%s after revocation", reason).isInstanceOfSatisfying(StatementVerdict.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT);
            assertThat(r.description()).contains("revoked");
        });
        assertThat(elsewhere.requests()).as("its own CRL never goes over the network").isEmpty();
    }

    private String statement(TestCredential client) {
        ObjectNode claims = SoftwareStatements.claims(TestCsrs.CLIENT_URI, ENDPOINT, bench.clock.instant());
        return SoftwareStatements.sign(client, List.of(client.certificate()), claims);
    }
}
