package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDAP IG STU2 §3.1 grant_types, with the B2B exception: one of authorization_code and client_credentials. */
class UdapGrantTypesAreValidTest {

    private static final Rule RULE = new UdapGrantTypesAreValid();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member      | value (JSON, empty: absent)                                   | field          | code                    | severity | phrase                                                           | reason
        CC      | grant_types | ["client_credentials"]                                        |                |                         |          |                                                                  | the client credentials grant (B2B)
        AC      | grant_types | ["authorization_code"]                                        |                |                         |          |                                                                  | the authorization code grant
        AC      | grant_types | ["authorization_code", "refresh_token"]                       |                |                         |          |                                                                  | refresh_token together with authorization_code
        AC      | grant_types | ["refresh_token", "authorization_code"]                       |                |                         |          |                                                                  | in any order
        CC      | grant_types |                                                               | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | grant_types is required                                          | grant_types is required on the UDAP path (no RFC 7591 default)
        CC      | grant_types | "client_credentials"                                          | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | grant_types is required                                          | a string is not an array of grants
        CC      | grant_types | []                                                            | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | either authorization_code or client_credentials                  | an empty array names no grant (cancellation never reaches the policy)
        CC      | grant_types | ["authorization_code", "client_credentials"]                  | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | not both                                                         | both grants in one registration
        CC      | grant_types | ["client_credentials", "refresh_token"]                       | /grant_types   | INVALID_CLIENT_METADATA | ERROR    | refresh_token only together with authorization_code              | refresh_token with client_credentials
        CC      | grant_types | ["client_credentials", "implicit"]                            | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR    | grant_types/1 must be authorization_code, refresh_token or client_credentials | implicit is not in the IG's list
        AC      | grant_types | ["authorization_code", "password"]                            | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR    | must be authorization_code, refresh_token or client_credentials  | password is not in the IG's list
        CC      | grant_types | ["client_credentials", "urn:ietf:params:oauth:grant-type:jwt-bearer"] | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR | must be authorization_code, refresh_token or client_credentials | an extension grant
        AC      | grant_types | ["authorization_code", "Refresh_Token"]                       | /grant_types/1 | INVALID_CLIENT_METADATA | ERROR    | must be authorization_code, refresh_token or client_credentials  | grant names are case-sensitive
        CC      | grant_types | [5, "client_credentials"]                                     |                |                         |          |                                                                  | a non-string entry is left to the type rule
        """)
    void judgesGrantTypes(Grant grant, String member, String value, String field, RegistrationErrorCode code,
                          Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidUdapMetadata.with(grant, member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsRefreshTokenAloneAsNoGrantAndAsRefreshTokenWithoutAuthorizationCode() {
        List<Violation> found = RULE.check(ValidUdapMetadata.with(Grant.CC, "grant_types", "[\"refresh_token\"]"),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field, Violation::code, Violation::description).containsExactly(
                tuple("/grant_types", RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        "grant_types must include either authorization_code or client_credentials, not both"),
                tuple("/grant_types", RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        "grant_types may include refresh_token only together with authorization_code"));
    }

    @Test
    void reportsAnUnknownGrantAloneByItsIndexAndAsNoGrant() {
        List<Violation> found = RULE.check(ValidUdapMetadata.with(Grant.AC, "grant_types", "[\"Authorization_Code\"]"),
                ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/grant_types/0", "/grant_types");
        assertThat(found).extracting(Violation::code).containsOnly(RegistrationErrorCode.INVALID_CLIENT_METADATA);
    }

    /** IG STU2 §2.2: a registration keeps to the grant_types_supported that discovery advertises. */
    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | value                                   | advertised                                           | field          | reason
        CC      | ["client_credentials"]                  | client_credentials                                   |                | the one grant offered
        AC      | ["authorization_code"]                  | client_credentials                                   | /grant_types/0 | authorization_code is not offered
        AC      | ["authorization_code", "refresh_token"] | authorization_code client_credentials                | /grant_types/1 | refresh_token is not offered
        CC      | ["client_credentials"]                  | authorization_code refresh_token                     | /grant_types/0 | client_credentials is not offered
        AC      | ["authorization_code", "refresh_token"] | authorization_code refresh_token client_credentials  |                | everything offered
        """)
    void refusesAGrantTypeDiscoveryDoesNotAdvertise(Grant grant, String value, String advertised, String field,
                                                    String reason) {
        PolicyContext context = ValidMetadata.CONTEXT.withUdapGrantTypesSupported(Set.of(advertised.split(" ")));

        List<Violation> found = RULE.check(ValidUdapMetadata.with(grant, "grant_types", value), context);

        if (field == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).extracting(Violation::field, Violation::code).containsExactly(
                    tuple(field, RegistrationErrorCode.INVALID_CLIENT_METADATA));
            assertThat(found.get(0).description()).contains("does not offer", "grant_types_supported");
        }
    }

    @Test
    void neverSendsClientCredentialsToManualRegistrationAsTheOpenPathDoes() {
        List<Violation> found = RULE.check(ValidUdapMetadata.metadata(Grant.CC), ValidMetadata.CONTEXT);

        assertThat(found).isEmpty();
        assertThat(new GrantTypesArePermitted().check(ValidUdapMetadata.metadata(Grant.CC), ValidMetadata.CONTEXT))
                .as("the open path's rule, for contrast").isNotEmpty();
    }
}
