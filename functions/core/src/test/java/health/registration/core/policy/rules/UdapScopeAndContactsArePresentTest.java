package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDAP IG STU2 §3.1: scope is required; contacts hold at least one email address as a mailto: URI. */
class UdapScopeAndContactsArePresentTest {

    private static final Rule RULE = new UdapScopeAndContactsArePresent();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member   | value (JSON, empty: absent)                                 | field     | code                    | severity | phrase                                                        | reason
        CC      | scope    | "system/Patient.rs"                                         |           |                         |          |                                                               | one system scope
        AC      | scope    | "openid fhirUser launch/patient patient/*.rs"               |           |                         |          |                                                               | several space-delimited scopes
        CC      | scope    |                                                             | /scope    | INVALID_CLIENT_METADATA | ERROR    | scope is required                                             | absent: the IG makes scope required
        AC      | scope    |                                                             | /scope    | INVALID_CLIENT_METADATA | ERROR    | scope is required                                             | absent with authorization_code too
        CC      | scope    | ""                                                          | /scope    | INVALID_CLIENT_METADATA | ERROR    | scope is required                                             | an empty string asks for nothing
        CC      | scope    | "   "                                                       | /scope    | INVALID_CLIENT_METADATA | ERROR    | scope is required                                             | blanks ask for nothing
        CC      | scope    | ["system/Patient.rs"]                                       | /scope    | INVALID_CLIENT_METADATA | ERROR    | space-delimited                                               | an array is not a scope string
        CC      | contacts | ["mailto:ops@example.com", "https://app.example.com/help"]  |           |                         |          |                                                               | one mailto: among other contacts
        CC      | contacts | ["dev@example.com", "mailto:ops@example.com"]               |           |                         |          |                                                               | a bare address beside a mailto: one
        CC      | contacts | ["MAILTO:ops@example.com"]                                  |           |                         |          |                                                               | the scheme in any case (RFC 3986 §3.1)
        CC      | contacts | ["dev@example.com"]                                         | /contacts | INVALID_CLIENT_METADATA | ERROR    | at least one email address written as a mailto: URI           | a bare address is not a mailto: URI
        AC      | contacts | ["https://app.example.com/help"]                            | /contacts | INVALID_CLIENT_METADATA | ERROR    | written as a mailto: URI                                      | a web page is not an email address
        CC      | contacts | ["tel:+15555550100"]                                        | /contacts | INVALID_CLIENT_METADATA | ERROR    | written as a mailto: URI                                      | a telephone number
        CC      | contacts | ["mailtoops@example.com"]                                   | /contacts | INVALID_CLIENT_METADATA | ERROR    | written as a mailto: URI                                      | no scheme separator
        CC      | contacts |                                                             |           |                         |          |                                                               | absent: left to RequiredMembersArePresent
        CC      | contacts | []                                                          |           |                         |          |                                                               | empty: left to RequiredMembersArePresent
        CC      | contacts | [5]                                                         |           |                         |          |                                                               | a non-string entry is left to the type rule
        """)
    void requiresAScopeAndAMailtoContact(Grant grant, String member, String value, String field,
                                         RegistrationErrorCode code, Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidUdapMetadata.with(grant, member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
