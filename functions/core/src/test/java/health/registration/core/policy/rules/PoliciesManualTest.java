package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.RegistrationReview;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyResult;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Policies#manualRegistration()} as a whole (policy section 1): every relaxation of the manual path is accepted
 * there and still refused by {@code POST /register}'s policy; the seven members are still required; what the manual
 * path does not relax is still refused; logo_uri and client_uri are still probed, native apps' redirect URIs never.
 */
class PoliciesManualTest {

    private static final Policy MANUAL = Policies.manualRegistration();
    private static final Policy OPEN = Policies.openDynamicRegistration();
    private static final ProbeSettings MANUAL_PROBING =
            new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT).withUrlRules(Policies.manualUrlRules());

    private static PolicyResult manual(ClientMetadata metadata) {
        return MANUAL.evaluate(metadata, ValidMetadata.CONTEXT);
    }

    @Test
    void acceptsTheOpenPathsValidFixture() {
        PolicyResult result = manual(ValidMetadata.metadata());

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Relaxation.class)
    void acceptsEachRelaxationThatPostRegisterStillRefuses(Relaxation relaxation) {
        ClientMetadata metadata = ValidManualMetadata.metadata(relaxation);

        PolicyResult manual = manual(metadata);
        PolicyResult open = OPEN.evaluate(metadata, ValidMetadata.CONTEXT);

        assertThat(manual.errors()).as("the manual path").isEmpty();
        assertThat(manual.warnings()).as("the manual path").isEmpty();
        assertThat(open.valid()).as("POST /register").isFalse();
        assertThat(open.errors()).as("POST /register").extracting(Violation::field).contains(relaxation.openRefusal());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Relaxation.class, names = {"PRIVATE_USE_REDIRECT", "LOOPBACK_REDIRECT_WITH_PORT", "CLIENT_CREDENTIALS_WITH_SECRET"})
    void pointsTheOpenPathsRefusalToManualRegistration(Relaxation relaxation) {
        PolicyResult open = OPEN.evaluate(ValidManualMetadata.metadata(relaxation), ValidMetadata.CONTEXT);

        assertThat(open.errors()).filteredOn(v -> v.field().equals(relaxation.openRefusal())).extracting(Violation::description)
                .anySatisfy(d -> assertThat(d).contains(ValidMetadata.MANUAL_REGISTRATION_URL));
    }

    /** One row per required member (policy section 2), on fixtures with relaxations; an empty value cell removes it. */
    @ParameterizedTest(name = "[{index}] {0} without {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # fixture                        | member        | value (JSON) | error                   | description
        NATIVE_APP                       | redirect_uris |              | INVALID_REDIRECT_URI    | redirect_uris is required
        CLIENT_CREDENTIALS_WITH_JWKS     | redirect_uris |              | INVALID_REDIRECT_URI    | redirect_uris is required
        CLIENT_CREDENTIALS_WITH_SECRET   | redirect_uris | []           | INVALID_REDIRECT_URI    | redirect_uris must list at least one entry
        NATIVE_APP                       | client_uri    |              | INVALID_CLIENT_METADATA | client_uri is required
        PRIVATE_USE_REDIRECT             | client_uri    | ""           | INVALID_CLIENT_METADATA | client_uri must not be empty
        NATIVE_APP                       | logo_uri      |              | INVALID_CLIENT_METADATA | logo_uri is required
        CLIENT_CREDENTIALS_WITH_JWKS_URI | contacts      |              | INVALID_CLIENT_METADATA | contacts is required
        LOOPBACK_REDIRECT_WITH_PORT      | contacts      | []           | INVALID_CLIENT_METADATA | contacts must list at least one entry
        PUBLIC_CLIENT                    | tos_uri       |              | INVALID_CLIENT_METADATA | tos_uri is required
        CLIENT_CREDENTIALS_WITH_SECRET   | policy_uri    |              | INVALID_CLIENT_METADATA | policy_uri is required
        NATIVE_APP                       | client_name   |              | INVALID_CLIENT_METADATA | client_name is required
        CLIENT_CREDENTIALS_WITH_JWKS     | client_name   | ""           | INVALID_CLIENT_METADATA | client_name must not be empty
        """)
    void stillRequiresTheSevenMembers(Relaxation fixture, String member, String value, RegistrationErrorCode error,
                                      String description) {
        PolicyResult result = manual(ValidManualMetadata.with(fixture, member, value));

        assertThat(result.valid()).isFalse();
        RegistrationError refusal = result.toRegistrationError();
        assertThat(refusal.error()).isEqualTo(error);
        assertThat(refusal.description()).isEqualTo(description);
        assertThat(result.errors()).extracting(Violation::field).containsExactly("/" + member);
    }

    /** What the manual path does not relax; each row breaks one member of the valid fixture. */
    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # member                     | value (JSON)                                 | error                   | description contains                                          | reason
        redirect_uris                | ["myapp:/cb"]                                | INVALID_REDIRECT_URI    | not a reversed domain name the app controls                   | a private-use scheme that names no domain
        redirect_uris                | ["http://app.example.com/cb"]                | INVALID_REDIRECT_URI    | must use https, a private-use scheme                          | plain http to a public host
        redirect_uris                | ["javascript:alert(1)"]                      | INVALID_REDIRECT_URI    | must use https, a private-use scheme                          | a javascript: URI
        redirect_uris                | ["http://localhost/cb"]                      | INVALID_REDIRECT_URI    | not by a host name (RFC 8252 section 8.3)                     | localhost by name
        redirect_uris                | ["https://127.0.0.1/cb"]                     | INVALID_REDIRECT_URI    | which uses http                                               | https to a loopback address
        redirect_uris                | ["http://127.0.0.1/cb#x"]                    | INVALID_REDIRECT_URI    | must not contain a fragment                                   | a fragment on a loopback redirect
        redirect_uris                | ["com.example.app:/cb#x"]                    | INVALID_REDIRECT_URI    | must not have a fragment                                      | a fragment on a private-use redirect
        redirect_uris                | ["http://127.0.0.1/*"]                       | INVALID_REDIRECT_URI    | without wildcards                                             | a wildcard on a loopback redirect
        redirect_uris                | ["com.example.app:/*"]                       | INVALID_REDIRECT_URI    | wildcard                                                      | a wildcard on a private-use redirect
        redirect_uris                | ["com.example.app:/caf\u00e9"]               | INVALID_REDIRECT_URI    | printable ASCII                                               | a non-ASCII private-use redirect
        redirect_uris                | ["http://127.0.0.1/caf\u00e9"]               | INVALID_REDIRECT_URI    | non-ASCII                                                     | a non-ASCII loopback redirect
        redirect_uris                | ["http://user@127.0.0.1/cb"]                 | INVALID_REDIRECT_URI    | must not contain user information                             | user information on a loopback redirect
        redirect_uris                | ["http://127.0.0.1/a/../cb"]                 | INVALID_REDIRECT_URI    | must not contain . or .. path segments                        | a dot segment on a loopback redirect
        redirect_uris                | ["https://10.0.0.5/cb"]                      | INVALID_REDIRECT_URI    | must name its host by a DNS name                              | an address that is not loopback
        redirect_uris                | ["https://app.example.com:8443/cb"]          | INVALID_REDIRECT_URI    | uses a port other than 443                                    | a port on a public redirect URI
        client_uri                   | "http://127.0.0.1:8080"                      | INVALID_CLIENT_METADATA | client_uri                                                    | client_uri on a loopback address
        logo_uri                     | "http://app.example.com/logo.png"            | INVALID_CLIENT_METADATA | logo_uri must use https                                       | an http logo
        grant_types                  | ["implicit"]                                 | INVALID_CLIENT_METADATA | grant_types/0 must be authorization_code, refresh_token or client_credentials | the implicit grant
        grant_types                  | ["authorization_code", "password"]           | INVALID_CLIENT_METADATA | grant_types/1 must be                                         | the password grant
        grant_types                  | []                                           | INVALID_CLIENT_METADATA | grant_types must list                                         | no grant
        response_types               | ["token"]                                    | INVALID_CLIENT_METADATA | response_types must be ["code"]                               | the implicit flow
        token_endpoint_auth_method   | "tls_client_auth"                            | INVALID_CLIENT_METADATA | token_endpoint_auth_method must be                            | an unsupported method
        token_endpoint_auth_method   | "private_key_jwt"                            | INVALID_CLIENT_METADATA | exactly one of jwks and jwks_uri                              | private_key_jwt without keys
        jwks                         | {"keys": [$P256]}                            | INVALID_CLIENT_METADATA | jwks is accepted only with token_endpoint_auth_method private_key_jwt | keys beside a secret
        contacts                     | ["dev@example.org"]                          | INVALID_CLIENT_METADATA | contacts must include an email address whose registrable domain | a contact of another domain
        """)
    void stillRefusesWhatItDoesNotRelax(String member, String value, RegistrationErrorCode error, String phrase, String reason) {
        PolicyResult result = manual(ValidMetadata.with(member, TestJwks.expand(value)));

        assertThat(result.valid()).as(reason).isFalse();
        assertThat(result.toRegistrationError().error()).as(result.errors().toString()).isEqualTo(error);
        assertThat(result.errors()).as("every problem concerns the member").isNotEmpty().allSatisfy(v -> assertThat(v.field()).startsWith("/" + member));
        assertThat(result.errors()).extracting(Violation::description).anySatisfy(d -> assertThat(d).contains(phrase));
    }

    @Test
    void refusesAPrivateKeyInJwksOfAPrivateKeyJwtClient() {
        PolicyResult result = manual(ValidManualMetadata.with(Relaxation.CLIENT_CREDENTIALS_WITH_JWKS, "jwks",
                TestJwks.set("RSA2048_PRIVATE")));

        assertThat(result.errors()).extracting(Violation::field, Violation::code).containsExactly(
                org.assertj.core.api.Assertions.tuple("/jwks/keys/0/d", RegistrationErrorCode.INVALID_CLIENT_METADATA));
    }

    @Test
    void matchesContactsAgainstClientUriWhenEveryRedirectUriIsNative() {
        ClientMetadata metadata = ValidManualMetadata.with(Relaxation.NATIVE_APP, "client_uri", "\"https://app.example.org\"");

        assertThat(manual(metadata).errors()).extracting(Violation::field).containsExactly("/contacts");
    }

    @Test
    void listsNoneOfTheOpenPathsRedirectOrGrantRules() {
        assertThat(MANUAL.rules()).noneMatch(rule -> rule instanceof RedirectUriUsesHttps || rule instanceof RedirectUriHostIsNotLoopback
                || rule instanceof GrantTypesArePermitted || rule instanceof ResponseTypesArePermitted
                || rule instanceof TokenEndpointAuthMethodIsPermitted || rule instanceof GrantTypesMatchResponseTypes);
        assertThat(MANUAL.rules()).anyMatch(rule -> rule instanceof RequiredMembersArePresent)
                .anyMatch(rule -> rule instanceof UrlsAreHosted)
                .anyMatch(rule -> rule instanceof ContactDomainMatchesClient)
                .anyMatch(rule -> rule instanceof JwksHoldsOnlyPublicKeys);
        assertThat(Policies.manualUrlRules().rules()).as("the manual URL rules are the manual policy's")
                .allMatch(rule -> MANUAL.rules().stream().anyMatch(r -> r.getClass() == rule.getClass()));
    }

    @ParameterizedTest(name = "{0} fails with {1}")
    @CsvSource({
        "logo_uri,   NOT_AN_IMAGE",
        "logo_uri,   NOT_FOUND",
        "client_uri, NOT_FOUND",
        "client_uri, REDIRECT",
    })
    void stillProbesLogoAndClientUri(String member, ProbeOutcome outcome) {
        ClientMetadata metadata = ValidManualMetadata.metadata(Relaxation.NATIVE_APP);
        InMemoryUrlProber prober = new InMemoryUrlProber().failing(metadata.text(member).orElseThrow(), outcome);

        RegistrationReview.Verdict verdict = review(prober).review(metadata);

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        RegistrationError refusal = ((RegistrationReview.Refused) verdict).error();
        assertThat(refusal.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(refusal.errors()).extracting(Violation::field).containsExactly("/" + member);
    }

    @Test
    void neverProbesANativeAppsRedirectUrisButProbesItsHttpsOnes() {
        ClientMetadata metadata = ValidMetadata.with("redirect_uris", "[\"https://app.example.com/callback\", \""
                + ValidManualMetadata.PRIVATE_USE_REDIRECT + "\", \"" + ValidManualMetadata.LOOPBACK_REDIRECT + "\", \""
                + ValidManualMetadata.IPV6_LOOPBACK_REDIRECT + "\"]");
        InMemoryUrlProber prober = new InMemoryUrlProber();

        RegistrationReview.Verdict verdict = review(prober).review(metadata);

        assertThat(verdict).isInstanceOf(RegistrationReview.Accepted.class);
        assertThat(prober.probedTargets()).extracting(ProbeTarget::url).containsExactly("https://app.example.com/callback",
                "https://app.example.com", "https://app.example.com/logo.png", "https://app.example.com/terms",
                "https://app.example.com/privacy");
        assertThat(prober.probed()).as("nothing asked the prober to plan by the open path's rules").isEmpty();
        List<ProbeResult> results = ((RegistrationReview.Accepted) verdict).report().results();
        assertThat(results).filteredOn(r -> r.pointer().startsWith("/redirect_uris/")).extracting(ProbeResult::pointer,
                ProbeResult::outcome, ProbeResult::verdict).containsExactly(
                        org.assertj.core.api.Assertions.tuple("/redirect_uris/0", ProbeOutcome.OK, ProbeVerdict.PASS),
                        org.assertj.core.api.Assertions.tuple("/redirect_uris/1", ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                        org.assertj.core.api.Assertions.tuple("/redirect_uris/2", ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                        org.assertj.core.api.Assertions.tuple("/redirect_uris/3", ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS));
    }

    @Test
    void refusesAFailingHttpsRedirectUriBesideNativeOnes() {
        ClientMetadata metadata = ValidMetadata.with("redirect_uris", "[\"" + ValidManualMetadata.PRIVATE_USE_REDIRECT
                + "\", \"https://app.example.com/callback\"]");
        InMemoryUrlProber prober = new InMemoryUrlProber().failing("https://app.example.com/callback", ProbeOutcome.NOT_FOUND);

        RegistrationReview.Verdict verdict = review(prober).review(metadata);

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        assertThat(((RegistrationReview.Refused) verdict).error().errors()).extracting(Violation::field)
                .containsExactly("/redirect_uris/1");
    }

    @Test
    void probesNothingWhenTheStaticRulesRefuse() {
        InMemoryUrlProber prober = new InMemoryUrlProber();

        RegistrationReview.Verdict verdict = review(prober).review(ValidMetadata.withRedirectUri("myapp:/cb"));

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        assertThat(prober.probedTargets()).isEmpty();
    }

    private static RegistrationReview review(InMemoryUrlProber prober) {
        return new RegistrationReview(MANUAL, ValidMetadata.CONTEXT, new PlannedUrlProber(prober, MANUAL_PROBING));
    }
}
