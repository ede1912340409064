package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.policy.RegistrationErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * One valid setup for the verifier's tests: community "alpha" trusted, a client certificate with one SAN URI, both
 * CRLs reachable, the clock at {@link TestPki#NOW}. Each test changes one thing.
 */
final class VerifierFixture {

    static final String CLIENT_URI = "https://app.example.com/udap/client";
    static final String ENDPOINT = "https://fhir.example.org/oauth/register";
    static final String COMMUNITY = "urn:example:community:alpha";
    static final TestPki PKI = TestPki.create("alpha");
    static final TestCredential LEAF = PKI.rsaLeaf(CLIENT_URI);
    static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    private VerifierFixture() {}

    static InMemoryCrlSource crls() {
        return new InMemoryCrlSource().with(PKI.crlUrl("root"), PKI.rootCrl())
                .with(PKI.crlUrl("intermediate"), PKI.intermediateCrl());
    }

    static SoftwareStatementVerifier verifier(CrlSource crls, RevocationFailureMode mode) {
        return new SoftwareStatementVerifier(TrustAnchors.parse(PKI.anchorPem(COMMUNITY)), crls, mode, CLOCK,
                URI.create(ENDPOINT));
    }

    static SoftwareStatementVerifier verifier() {
        return verifier(crls(), RevocationFailureMode.REJECT);
    }

    static ObjectNode claims() {
        return SoftwareStatements.claims(CLIENT_URI, ENDPOINT, TestPki.NOW);
    }

    /** Signed by the fixture's leaf, with its chain. */
    static String statement(ObjectNode claims) {
        return SoftwareStatements.sign(LEAF, PKI.chain(LEAF), claims);
    }

    static StatementVerdict verify(String statement) {
        return verifier().verify(statement);
    }

    static VerifiedStatement assertVerified(StatementVerdict verdict) {
        assertThat(verdict).as("verdict %s", verdict).isInstanceOf(StatementVerdict.Verified.class);
        return ((StatementVerdict.Verified) verdict).statement();
    }

    static StatementVerdict.Rejected assertRejected(StatementVerdict verdict, RegistrationErrorCode code, String phrase) {
        assertThat(verdict).isInstanceOf(StatementVerdict.Rejected.class);
        StatementVerdict.Rejected rejected = (StatementVerdict.Rejected) verdict;
        assertThat(rejected.code()).isEqualTo(code);
        assertThat(rejected.description()).contains(phrase).startsWith("software_statement");
        return rejected;
    }
}
