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
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.probe.ProbeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Policies#udapRegistration()} as a whole against every row of the IG STU2 registration §3.1 claim table
 * (with UDAP DCR §2 and §4.3), each row breaking one registration parameter of a valid fixture of its grant and naming
 * the RFC 7591 error the refusal carries; both grants pass; the open path's refusals of client_credentials and
 * private_key_jwt do not apply.
 */
class PoliciesUdapTest {

    private static final Policy POLICY = Policies.udapRegistration();

    @ParameterizedTest(name = "{0}")
    @EnumSource(Grant.class)
    void acceptsTheValidFixtureOfEachGrantWithoutErrorsOrWarnings(Grant grant) {
        PolicyResult result = evaluate(ValidUdapMetadata.metadata(grant));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.valid()).isTrue();
    }

    @Test
    void acceptsRefreshTokenBesideAuthorizationCode() {
        PolicyResult result = evaluate(ValidUdapMetadata.with(Grant.AC, "grant_types",
                "[\"authorization_code\", \"refresh_token\"]"));

        assertThat(result.errors()).isEmpty();
    }

    /** One row per IG claim-table entry and way to break it; an empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member                     | value (JSON, empty: absent)                  | error                   | description starts with                                       | IG row              | reason
        CC      | client_name                |                                              | INVALID_CLIENT_METADATA | client_name is required                                       | client_name         | client_name is required
        AC      | client_name                | ""                                           | INVALID_CLIENT_METADATA | client_name must not be empty                                 | client_name         | an empty client_name
        AC      | client_name                | "   "                                        | INVALID_CLIENT_METADATA | client_name must have 1 to                                    | client_name         | a blank client_name is no name
        AC      | redirect_uris              |                                              | INVALID_REDIRECT_URI    | redirect_uris is required                                     | redirect_uris       | SHALL be present with authorization_code
        AC      | redirect_uris              | []                                           | INVALID_REDIRECT_URI    | redirect_uris must list at least one entry                    | redirect_uris       | one or more redirection URIs
        AC      | redirect_uris              | ["http://app.example.com/callback"]          | INVALID_REDIRECT_URI    | redirect_uris/0 must use https                                | redirect_uris       | each URI SHALL use the https scheme
        CC      | redirect_uris              | ["https://app.example.com/callback"]         | INVALID_REDIRECT_URI    | redirect_uris must be absent with client_credentials          | redirect_uris       | SHALL be absent otherwise
        CC      | contacts                   |                                              | INVALID_CLIENT_METADATA | contacts is required                                          | contacts            | contacts is required
        AC      | contacts                   | []                                           | INVALID_CLIENT_METADATA | contacts must list at least one entry                         | contacts            | an empty array has no email address
        CC      | contacts                   | ["dev@example.com"]                          | INVALID_CLIENT_METADATA | contacts must include at least one email address written as a mailto: URI | contacts | at least one email address using the mailto scheme
        AC      | contacts                   | ["https://app.example.com/help"]             | INVALID_CLIENT_METADATA | contacts/0                                                    | contacts            | a web page is not an email address
        AC      | logo_uri                   |                                              | INVALID_CLIENT_METADATA | logo_uri is required                                          | logo_uri            | SHALL be included with authorization_code
        CC      | logo_uri                   |                                              | INVALID_CLIENT_METADATA | logo_uri is required                                          | logo_uri            | also required with client_credentials (vendor policy)
        AC      | logo_uri                   | "http://app.example.com/logo.png"            | INVALID_CLIENT_METADATA | logo_uri must use https                                       | logo_uri            | SHALL use the https scheme
        CC      | grant_types                |                                              | INVALID_CLIENT_METADATA | grant_types is required                                       | grant_types         | grant_types is required
        AC      | grant_types                | ["authorization_code", "client_credentials"] | INVALID_CLIENT_METADATA | grant_types must include either authorization_code or client_credentials, not both | grant_types | not both
        CC      | grant_types                | ["client_credentials", "refresh_token"]      | INVALID_CLIENT_METADATA | grant_types may include refresh_token only together with authorization_code | grant_types | refresh_token only with authorization_code
        CC      | grant_types                | ["client_credentials", "implicit"]           | INVALID_CLIENT_METADATA | grant_types/1 must be authorization_code, refresh_token or client_credentials | grant_types | only the IG's three values
        AC      | response_types             |                                              | INVALID_CLIENT_METADATA | response_types must be ["code"] with authorization_code       | response_types      | SHALL have the fixed value ["code"]
        AC      | response_types             | ["code", "token"]                            | INVALID_CLIENT_METADATA | response_types must be ["code"] with authorization_code       | response_types      | nothing beside code
        CC      | response_types             | ["code"]                                     | INVALID_CLIENT_METADATA | response_types must be absent with client_credentials         | response_types      | SHALL be omitted otherwise
        CC      | token_endpoint_auth_method |                                              | INVALID_CLIENT_METADATA | token_endpoint_auth_method must be private_key_jwt            | token_endpoint_auth_method | required
        AC      | token_endpoint_auth_method | "client_secret_basic"                        | INVALID_CLIENT_METADATA | token_endpoint_auth_method must be private_key_jwt            | token_endpoint_auth_method | the fixed value private_key_jwt
        CC      | scope                      |                                              | INVALID_CLIENT_METADATA | scope is required                                             | scope               | scope is required
        AC      | scope                      | ""                                           | INVALID_CLIENT_METADATA | scope is required                                             | scope               | an empty scope
        """)
    void enforcesTheIgClaimTableRowWithItsErrorCode(Grant grant, String member, String value,
                                                    RegistrationErrorCode error, String descriptionStart, String igRow,
                                                    String reason) {
        PolicyResult result = evaluate(ValidUdapMetadata.with(grant, member, value));

        assertThat(result.valid()).as("refused: %s", reason).isFalse();
        RegistrationError refusal = result.toRegistrationError();
        assertThat(refusal.error()).as(result.errors().toString()).isEqualTo(error);
        assertThat(refusal.description()).as(result.errors().toString()).startsWith(descriptionStart);
        assertThat(result.errors()).as("every problem concerns the IG row's member").isNotEmpty()
                .allSatisfy(v -> assertThat(v.field()).startsWith("/" + igRow));
    }

    @Test
    void refusesALogoThatProbingFindsIsNotAnImage() {
        String logo = ValidUdapMetadata.json(Grant.AC).get("logo_uri").textValue();
        InMemoryUrlProber prober = new InMemoryUrlProber().failing(logo, ProbeOutcome.NOT_AN_IMAGE);

        RegistrationReview.Verdict verdict = new RegistrationReview(POLICY, ValidMetadata.CONTEXT, prober)
                .review(ValidUdapMetadata.metadata(Grant.AC));

        assertThat(verdict).isInstanceOf(RegistrationReview.Refused.class);
        RegistrationError refusal = ((RegistrationReview.Refused) verdict).error();
        assertThat(refusal.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(refusal.errors()).extracting(Violation::field).containsExactly("/logo_uri");
        assertThat(prober.calls()).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Grant.class)
    void probesEveryUrlOfAValidRegistrationOnceAndAcceptsIt(Grant grant) {
        InMemoryUrlProber prober = new InMemoryUrlProber();

        RegistrationReview.Verdict verdict = new RegistrationReview(POLICY, ValidMetadata.CONTEXT, prober)
                .review(ValidUdapMetadata.metadata(grant));

        assertThat(verdict).isInstanceOf(RegistrationReview.Accepted.class);
        assertThat(prober.probed()).singleElement().extracting(m -> m.urls().size())
                .isEqualTo(grant == Grant.AC ? 5 : 4);
    }

    @Test
    void acceptsClientCredentialsAndPrivateKeyJwtThatTheOpenPathSendsToManualRegistration() {
        for (Grant grant : Grant.values()) {
            ClientMetadata metadata = ValidUdapMetadata.metadata(grant);
            PolicyResult open = Policies.openDynamicRegistration().evaluate(metadata, ValidMetadata.CONTEXT);

            assertThat(open.errors()).as("the open path, for contrast (%s)", grant)
                    .anySatisfy(v -> assertThat(v.field()).startsWith("/token_endpoint_auth_method"));
            assertThat(evaluate(metadata).errors()).as("the UDAP path (%s)", grant).isEmpty();
        }
        assertThat(POLICY.rules()).as("no open-path grant rule is listed on the UDAP path")
                .noneMatch(rule -> rule instanceof GrantTypesArePermitted || rule instanceof TokenEndpointAuthMethodIsPermitted
                        || rule instanceof ResponseTypesArePermitted || rule instanceof GrantTypesMatchResponseTypes);
    }

    @Test
    void keepsTheVendorPolicyContactDomainRuleOnTheUdapPath() {
        PolicyResult result = evaluate(ValidUdapMetadata.with(Grant.CC, "contacts", "[\"mailto:dev@example.org\"]"));

        assertThat(result.toRegistrationError().error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(result.errors()).extracting(Violation::description)
                .singleElement().asString().startsWith("contacts must include an email address whose registrable domain");
    }

    private static PolicyResult evaluate(ClientMetadata metadata) {
        return POLICY.evaluate(metadata, ValidMetadata.CONTEXT);
    }
}
