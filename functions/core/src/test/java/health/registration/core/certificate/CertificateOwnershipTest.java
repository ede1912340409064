package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.port.WriteConflict;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may obtain a developer certificate (docs/api/certificates.md): the developer who served a fresh
 * challenge for the client URI, while no valid certificate of another developer names it.
 */
class CertificateOwnershipTest {

    private final AuthorityBench bench = new AuthorityBench();

    @Test
    void issuesAChallengeOfAtLeast128RandomBitsForTheHostOfTheClientUri() {
        ChallengeOutcome.Issued first = issued(bench.ownership.challenge("dev-1", TestCsrs.CLIENT_URI));
        ChallengeOutcome.Issued second = issued(bench.ownership.challenge("dev-1", TestCsrs.CLIENT_URI));

        assertThat(first.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(second.token());
        assertThat(first.url()).isEqualTo("https://app.example.com/.well-known/udap-certificate-challenge/" + first.token());
        assertThat(first.expiresAt()).isEqualTo(AuthorityBench.NOW.plus(Duration.ofHours(24)));
        OwnershipChallenge stored = bench.challenges.find(OwnershipChallenge.hash(first.token())).orElseThrow();
        assertThat(stored.tokenHash()).as("only the hash is kept").doesNotContain(first.token()).hasSize(64);
        assertThat(stored.developerId()).isEqualTo("dev-1");
        assertThat(stored.sanUri()).isEqualTo(TestCsrs.CLIENT_URI);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
        # developer_id          | san_uri                          | field         | reason
        null                    | https://app.example.com/udap     | /developer_id | developer_id missing
        dev 1                   | https://app.example.com/udap     | /developer_id | a space is outside the charset
        dev/1                   | https://app.example.com/udap     | /developer_id | a slash is outside the charset
        dev-1                   | null                             | /san_uri      | san_uri missing
        dev-1                   | http://app.example.com/udap      | /san_uri      | not https
        dev-1                   | https://10.0.0.1/udap            | /san_uri      | an address, not a DNS name
        dev-1                   | https://user@app.example.com/u   | /san_uri      | user information
        """)
    void refusesAChallengeForABadDeveloperIdOrClientUri(String developerId, String sanUri, String field, String reason) {
        RegistrationError error = refused(bench.ownership.challenge(developerId, sanUri));

        assertThat(error.errors()).as(reason).extracting(Violation::field).containsExactly(field);
        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
    }

    @Test
    void boundsTheDeveloperIdAt128Characters() {
        assertThat(bench.ownership.challenge("d".repeat(128), TestCsrs.CLIENT_URI)).isInstanceOf(ChallengeOutcome.Issued.class);
        assertThat(refused(bench.ownership.challenge("d".repeat(129), TestCsrs.CLIENT_URI)).errors())
                .extracting(Violation::field).containsExactly("/developer_id");
    }

    @Test
    void issuesWhenTheSiteServesExactlyTheTokenAndUsesTheChallengeOnce() {
        CertificateRequest proven = bench.proven(AuthorityBench.request());

        IssuanceOutcome.Issued issued = bench.issue(proven);

        assertThat(issued.certificate().developerId()).isEqualTo(AuthorityBench.DEVELOPER);
        assertThat(issued.audit().developerId()).isEqualTo(AuthorityBench.DEVELOPER);
        assertThat(bench.site.requests()).containsExactly(
                "https://app.example.com/.well-known/udap-certificate-challenge/" + proven.challenge());
        assertThat(bench.challenges.find(OwnershipChallenge.hash(proven.challenge())).orElseThrow().used()).isPresent();
        assertThat(fieldsOf(bench.ca.issue(proven, AuthorityBench.REQUESTER))).as("replayed").containsExactly("/challenge");
        assertThat(bench.site.requests()).as("a used challenge is refused before its URL is fetched again").hasSize(1);
    }

    @Test
    void givesUpAfterThreeTokensThatAreTakenAlready() {
        WriteConflict taken = new WriteConflict("a challenge with this hash exists");
        java.util.concurrent.atomic.AtomicInteger saves = new java.util.concurrent.atomic.AtomicInteger();
        ChallengeStore full = new ChallengeStore() {
            @Override
            public void save(OwnershipChallenge challenge) {
                saves.incrementAndGet();
                throw taken;
            }

            @Override
            public java.util.Optional<OwnershipChallenge> find(String tokenHash) {
                return java.util.Optional.empty();
            }

            @Override
            public void use(String tokenHash, java.time.Instant at) {
                throw taken;
            }
        };
        CertificateOwnership ownership = new CertificateOwnership(full, bench.site, bench.scripted, bench.clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ownership.challenge("dev-1", TestCsrs.CLIENT_URI))
                .isSameAs(taken);
        assertThat(saves).hasValue(CertificateOwnership.TOKEN_ATTEMPTS).hasValue(3);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        # what the site serves              | reason
        TOKEN\\n                              | the token and a final newline
        TOKEN\\r\\n                            | the token and a final CRLF
        """)
    void allowsOneFinalLineBreak(String served, String reason) {
        CertificateRequest proven = bench.proven(AuthorityBench.request());
        bench.site.serve(url(proven), served.replace("TOKEN", proven.challenge()).replace("\\n", "\n").replace("\\r", "\r"));

        assertThat(bench.ca.issue(proven, AuthorityBench.REQUESTER)).as(reason).isInstanceOf(IssuanceOutcome.Issued.class);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        # what the site serves              | reason
        TOKEN\\n\\n                            | two final newlines
        ' TOKEN'                            | a leading space
        TOKENx                              | more than the token
        <html>TOKEN</html>                  | the token inside a page
        OTHER                               | another token
        NOTHING                             | the challenge URL does not answer 200
        """)
    void refusesAnythingButTheTokenAtTheChallengeUrl(String served, String reason) {
        CertificateRequest proven = bench.proven(AuthorityBench.request());
        String other = issued(bench.ownership.challenge(AuthorityBench.DEVELOPER, TestCsrs.CLIENT_URI)).token();
        if (served.equals("NOTHING")) {
            bench.site.withdraw(url(proven));
        } else {
            bench.site.serve(url(proven), served.replace("OTHER", other).replace("TOKEN", proven.challenge())
                    .replace("\\n", "\n"));
        }

        assertThat(fieldsOf(bench.ca.issue(proven, AuthorityBench.REQUESTER))).as(reason).containsExactly("/challenge");
        assertThat(bench.store.all()).isEmpty();
        assertThat(bench.challenges.find(OwnershipChallenge.hash(proven.challenge())).orElseThrow().used())
                .as("a refused request does not use its challenge").isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
        # change to the proven request       | reason
        no-challenge                         | no challenge
        unknown                              | a token this authority never issued
        malformed                            | not a token at all
        other-developer                      | a challenge of another developer
        other-uri                            | a challenge for another client URI
        expired                              | a challenge 24 hours old
        """)
    void refusesARequestWhoseChallengeDoesNotProveThisDeveloperAndUri(String change, String reason) {
        CertificateRequest proven = bench.proven(AuthorityBench.request());
        UnaryOperator<CertificateRequest> changed = switch (change) {
            case "no-challenge" -> r -> r.provenBy(r.developerId(), null);
            case "unknown" -> r -> r.provenBy(r.developerId(), "A".repeat(43));
            case "malformed" -> r -> r.provenBy(r.developerId(), "../../etc/passwd");
            case "other-developer" -> r -> r.provenBy("dev-other", r.challenge());
            case "other-uri" -> r -> new CertificateRequest(r.csr(), "https://app.example.com/udap/other", r.metadata(),
                    r.developerId(), r.challenge());
            case "expired" -> r -> {
                bench.clock.advance(Duration.ofHours(24));
                return r;
            };
            default -> throw new IllegalArgumentException(change);
        };

        assertThat(fieldsOf(bench.ca.issue(changed.apply(proven), AuthorityBench.REQUESTER))).as(reason)
                .contains("/challenge");
        assertThat(bench.store.all()).isEmpty();
    }

    @Test
    void refusesAClientUriBoundToAValidCertificateOfAnotherDeveloper() {
        bench.issue(bench.proven(AuthorityBench.request(), "dev-owner"));

        CertificateRequest other = AuthorityBench.request();
        assertThat(fieldsOf(bench.ownership.challenge("dev-thief", other.sanUri()))).containsExactly("/san_uri");
        assertThat(bench.ownership.challenge("dev-owner", other.sanUri())).as("the owner may renew")
                .isInstanceOf(ChallengeOutcome.Issued.class);
    }

    @Test
    void refusesTheIssuanceWhenAnotherDevelopersCertificateAppearedAfterTheChallenge() {
        CertificateRequest thief = bench.proven(AuthorityBench.request(), "dev-thief");
        bench.issue(bench.proven(AuthorityBench.request(), "dev-owner"));

        assertThat(fieldsOf(bench.ca.issue(thief, AuthorityBench.REQUESTER))).containsExactly("/san_uri");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        the owner's certificate was revoked  | revoked
        the owner's certificate expired      | expired
        """)
    void freesTheClientUriOnceTheOtherCertificateNoLongerBindsIt(String reason, String how) {
        IssuedCertificate owners = bench.issue(bench.proven(AuthorityBench.request(), "dev-owner")).certificate();
        if (how.equals("revoked")) {
            bench.ca.revoke(owners.serial(), RevocationReason.CESSATION_OF_OPERATION, "arn:revoker");
        } else {
            bench.clock.set(owners.notAfter());
        }

        assertThat(bench.ownership.challenge("dev-new", owners.sanUri())).as(reason).isInstanceOf(ChallengeOutcome.Issued.class);
    }

    private static String url(CertificateRequest request) {
        return "https://app.example.com/.well-known/udap-certificate-challenge/" + request.challenge();
    }

    private static ChallengeOutcome.Issued issued(ChallengeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChallengeOutcome.Issued.class);
        return (ChallengeOutcome.Issued) outcome;
    }

    private static RegistrationError refused(ChallengeOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChallengeOutcome.Refused.class);
        return ((ChallengeOutcome.Refused) outcome).error();
    }

    private static List<String> fieldsOf(ChallengeOutcome outcome) {
        return refused(outcome).errors().stream().map(Violation::field).toList();
    }

    /** Each refusal says which check failed (docs/api/certificates.md), not only that /challenge is wrong. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        # change                  | phrase
        unknown                   | challenge is not a token this authority issued
        used                      | challenge was used already; ask for a new one
        withdrawn                 | challenge was not found: https://app.example.com/.well-known/udap-certificate-challenge/<token> must answer 200
        """)
    void namesTheCheckTheChallengeFailed(String change, String phrase) {
        CertificateRequest proven = bench.proven(AuthorityBench.request());
        CertificateRequest request = switch (change) {
            case "unknown" -> proven.provenBy(proven.developerId(), "A".repeat(43));
            case "used" -> {
                bench.issue(proven);
                yield proven;
            }
            case "withdrawn" -> {
                bench.site.withdraw(url(proven));
                yield proven;
            }
            default -> throw new IllegalArgumentException(change);
        };

        IssuanceOutcome outcome = bench.ca.issue(request, AuthorityBench.REQUESTER);

        assertThat(outcome).isInstanceOf(IssuanceOutcome.Refused.class);
        assertThat(((IssuanceOutcome.Refused) outcome).error().errors()).extracting(Violation::description)
                .anySatisfy(description -> assertThat(description).contains(phrase));
    }

    private static Set<String> fieldsOf(IssuanceOutcome outcome) {
        assertThat(outcome).as("outcome").isInstanceOf(IssuanceOutcome.Refused.class);
        return ((IssuanceOutcome.Refused) outcome).error().errors().stream().map(Violation::field)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
