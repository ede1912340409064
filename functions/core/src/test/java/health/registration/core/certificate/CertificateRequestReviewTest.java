package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.policy.rules.ValidUdapMetadata;
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.udap.TestKeys;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/api/certificates.md, "2. The certificate": the metadata under the full UDAP policy with probing, the request's
 * key and signature, the client URI; every problem in one answer, request problems beside metadata problems.
 */
class CertificateRequestReviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AuthorityBench bench = new AuthorityBench();
    private final InMemoryUrlProber prober = bench.prober;
    private final CertificateRequestReview review = bench.review();

    static Stream<Arguments> goodRequests() {
        return Stream.of(
                Arguments.of("RSA-2048, client credentials", TestCsrs.rsa2048(), Grant.CC),
                Arguments.of("P-256, client credentials", TestCsrs.ec(TestKeys.P256), Grant.CC),
                Arguments.of("P-384, authorization code", TestCsrs.ec(TestKeys.P384), Grant.AC));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("goodRequests")
    void approvesAGoodRequestWithTheMetadataAsSentAfterProbingIt(String reason, KeyPair keys, Grant grant)
            throws Exception {
        ClientMetadata metadata = ValidUdapMetadata.metadata(grant);
        CertificateRequest request = bench.proven(new CertificateRequest(TestCsrs.pem(TestCsrs.request(keys,
                TestCsrs.CLIENT_URI)), TestCsrs.CLIENT_URI, metadata, null, null));

        CertificateRequestReview.Verdict verdict = review.review(request);

        assertThat(verdict).as(reason).isInstanceOf(CertificateRequestReview.Approved.class);
        CertificateRequestReview.Approved approved = (CertificateRequestReview.Approved) verdict;
        assertThat(approved.sanUri()).isEqualTo(TestCsrs.CLIENT_URI);
        assertThat(approved.metadata().toJson()).isEqualTo(metadata.toJson());
        assertThat(approved.csr().subjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(approved.report().results()).isNotEmpty();
        assertThat(prober.calls()).isOne();
    }

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # member                     | value (JSON)                           | field                                | code                    | phrase                                  | reason
        logo_uri                     | null                                   | /metadata/logo_uri                   | INVALID_CLIENT_METADATA | logo_uri                                | one of the seven members missing
        client_uri                   | "https://app.example.com:8443"         | /metadata/client_uri                 | INVALID_CLIENT_METADATA | client_uri                              | an open-path URL rule
        contacts                     | ["mailto:dev@example.org"]             | /metadata/contacts                   | INVALID_CLIENT_METADATA | contacts                                | contacts of another domain (policy section 6)
        token_endpoint_auth_method   | "client_secret_basic"                  | /metadata/token_endpoint_auth_method | INVALID_CLIENT_METADATA | private_key_jwt                         | UDAP clients authenticate with private_key_jwt
        scope                        | null                                   | /metadata/scope                      | INVALID_CLIENT_METADATA | scope is required                       | the UDAP IG requires scope
        redirect_uris                | ["https://app.example.com/callback"]   | /metadata/redirect_uris              | INVALID_REDIRECT_URI    | redirect_uris must be absent            | client_credentials has no redirect URIs
        """)
    void refusesMetadataThatFailsThePolicyTogetherWithTheRequestsProblems(String member, String value, String field,
            RegistrationErrorCode code, String phrase, String reason) {
        ClientMetadata metadata = ClientMetadata.of(ValidMetadata.set(ValidUdapMetadata.json(Grant.CC), member, value));
        String weakKey = TestCsrs.pem(TestCsrs.request(TestCsrs.rsa1024()));

        RegistrationError alone = refused(bench.proven(new CertificateRequest(TestCsrs.pem(TestCsrs.request(
                TestCsrs.rsa2048())), TestCsrs.CLIENT_URI, metadata, null, null)));
        RegistrationError together = refused(new CertificateRequest(weakKey, "http://app.example.com/udap", metadata,
                AuthorityBench.DEVELOPER, null));

        assertThat(alone.errors()).as(reason).anySatisfy(v -> assertProblem(v, field, code, phrase));
        assertThat(alone.errors()).extracting(Violation::field).allMatch(f -> f.startsWith("/metadata"));
        assertThat(together.errors()).as(reason).anySatisfy(v -> assertProblem(v, field, code, phrase))
                .anySatisfy(v -> assertProblem(v, "/csr", RegistrationErrorCode.INVALID_REQUEST, "RSA of 1024 bits"))
                .anySatisfy(v -> assertProblem(v, "/san_uri", RegistrationErrorCode.INVALID_REQUEST, "https"));
        assertThat(prober.calls()).as("metadata refused by its static rules is never probed").isZero();
    }

    @Test
    void refusesAnotherSanAnotherHostAndBadMetadataInOneAnswerWithoutProbing() {
        String otherSan = TestCsrs.pem(TestCsrs.request(TestCsrs.rsa2048(), "https://evil.example.org/udap"));
        ClientMetadata noLogo = ClientMetadata.of(ValidMetadata.set(ValidUdapMetadata.json(Grant.CC), "logo_uri", null));

        RegistrationError error = refused(bench.proven(new CertificateRequest(otherSan, "https://other.example.com/udap",
                noLogo, null, null)));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
        assertThat(error.errors()).extracting(Violation::field, Violation::code).containsExactly(
                tuple("/san_uri", RegistrationErrorCode.INVALID_REQUEST),
                tuple("/csr", RegistrationErrorCode.INVALID_REQUEST),
                tuple("/metadata/logo_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA));
        assertThat(error.errors()).extracting(Violation::description).satisfiesExactly(
                d -> assertThat(d).contains("host of the metadata's client_uri"),
                d -> assertThat(d).contains("other than exactly san_uri"),
                d -> assertThat(d).contains("logo_uri"));
        assertThat(error.description()).endsWith("(2 more problems are listed in errors)");
        assertThat(prober.calls()).isZero();
    }

    @Test
    void comparesNamesOnlyOfARequestItCouldRead() {
        String badSignature = TestCsrs.altered(TestCsrs.request(TestCsrs.rsa2048(), "https://evil.example.org/udap"));

        RegistrationError error = refused(bench.proven(new CertificateRequest(badSignature, TestCsrs.CLIENT_URI,
                AuthorityBench.metadata(), null, null)));

        assertThat(error.errors()).singleElement().satisfies(v -> assertProblem(v, "/csr",
                RegistrationErrorCode.INVALID_REQUEST, "signature does not verify"));
    }

    @Test
    void refusesWithWhatProbingFoundUnderMetadata() {
        prober.failing("https://app.example.com/logo.png", ProbeOutcome.NOT_FOUND);

        RegistrationError error = refused(bench.proven(AuthorityBench.request()));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(error.errors()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("/metadata/logo_uri"));
        assertThat(prober.calls()).isOne();
    }

    @Test
    void reportsEveryMissingMemberOfTheRequest() {
        RegistrationError error = refused(CertificateRequest.fromJson(JSON.createObjectNode()
                .put("csr", 42).put("metadata", "not an object")));

        assertThat(error.errors()).extracting(Violation::field)
                .containsExactly("/csr", "/san_uri", "/developer_id", "/challenge", "/metadata");
        assertThat(error.errors()).extracting(Violation::description).satisfiesExactly(
                d -> assertThat(d).startsWith("csr is required"),
                d -> assertThat(d).startsWith("san_uri is required"),
                d -> assertThat(d).startsWith("developer_id is required"),
                d -> assertThat(d).startsWith("challenge is required"),
                d -> assertThat(d).startsWith("metadata is required"));
    }

    @Test
    void readsARequestBody() throws Exception {
        CertificateRequest request = CertificateRequest.fromJson(JSON.readTree(
                "{\"csr\": \"PEM\", \"san_uri\": \"https://app.example.com/u\", \"metadata\": {\"client_name\": \"A\"}}"));

        assertThat(request.csr()).isEqualTo("PEM");
        assertThat(request.sanUri()).isEqualTo("https://app.example.com/u");
        assertThat(request.metadata().text("client_name")).contains("A");
    }

    private RegistrationError refused(CertificateRequest request) {
        CertificateRequestReview.Verdict verdict = review.review(request);
        assertThat(verdict).isInstanceOf(CertificateRequestReview.Refused.class);
        return ((CertificateRequestReview.Refused) verdict).error();
    }

    private static void assertProblem(Violation v, String field, RegistrationErrorCode code, String phrase) {
        assertThat(v.field()).isEqualTo(field);
        assertThat(v.code()).isEqualTo(code);
        assertThat(v.description()).contains(phrase);
    }
}
