package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy sections 2 and 8: every member this service reads has its JSON type, with no coercion. */
class MembersHaveExpectedTypesTest {

    private static final Rule RULE = new MembersHaveExpectedTypes();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member                   | value (JSON)                                 | field                       | code                    | severity  | phrase                                           | reason
        redirect_uris              | "https://app.example.com/callback"           | /redirect_uris              | INVALID_REDIRECT_URI    | MALFORMED | redirect_uris must be an array of strings, not a string | a string where an array belongs is not coerced
        contacts                   | "dev@example.com"                            | /contacts                   | INVALID_CLIENT_METADATA | MALFORMED | contacts must be an array of strings, not a string | a single contact string is not coerced either
        redirect_uris              | {"0": "https://app.example.com/callback"}    | /redirect_uris              | INVALID_REDIRECT_URI    | MALFORMED | not an object                                    | an object that looks like an array
        client_uri                 | ["https://app.example.com"]                  | /client_uri                 | INVALID_CLIENT_METADATA | MALFORMED | client_uri must be a string, not an array        | a one-element array where a string belongs
        client_name                | 42                                           | /client_name                | INVALID_CLIENT_METADATA | MALFORMED | client_name must be a string, not a number       | a number where a string belongs
        client_name                | null                                         | /client_name                | INVALID_CLIENT_METADATA | MALFORMED | client_name must be a string, not null           | null is not a value
        logo_uri                   | true                                         | /logo_uri                   | INVALID_CLIENT_METADATA | MALFORMED | not a boolean                                    | a boolean where a string belongs
        redirect_uris              | null                                         | /redirect_uris              | INVALID_REDIRECT_URI    | MALFORMED | not null                                         | null where an array belongs
        contacts                   | [{"email": "dev@example.com"}]               | /contacts/0                 | INVALID_CLIENT_METADATA | MALFORMED | contacts/0 must be a string, not an object       | an object in an array of strings
        redirect_uris              | ["https://app.example.com/callback", 7]      | /redirect_uris/1            | INVALID_REDIRECT_URI    | MALFORMED | redirect_uris/1 must be a string, not a number   | a number as the second entry
        redirect_uris              | [null]                                       | /redirect_uris/0            | INVALID_REDIRECT_URI    | MALFORMED | not null                                         | null in an array
        redirect_uris              | [["https://app.example.com/callback"]]       | /redirect_uris/0            | INVALID_REDIRECT_URI    | MALFORMED | not an array                                     | a nested array
        grant_types                | "authorization_code"                         | /grant_types                | INVALID_CLIENT_METADATA | MALFORMED | grant_types must be an array of strings          | optional members are typed too
        token_endpoint_auth_method | ["client_secret_basic"]                      | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | MALFORMED | must be a string, not an array                   | an array where a string belongs
        jwks                       | "{}"                                         | /jwks                       | INVALID_CLIENT_METADATA | MALFORMED | jwks must be a JSON object, not a string         | jwks must be an object
        software_statement         | {}                                           | /software_statement         | INVALID_SOFTWARE_STATEMENT | MALFORMED | must be a string, not an object               | RFC 7591 §3.2.2: the statement is invalid
        client_name#fr             | 5                                            | /client_name#fr             | INVALID_CLIENT_METADATA | MALFORMED | client_name#fr must be a string, not a number    | language-tagged variants are typed like their member
        default_max_age            | "3600"                                       | /default_max_age            | INVALID_CLIENT_METADATA | MALFORMED | default_max_age must be an integer, not a string | a number in a string
        default_max_age            | 3600.5                                       | /default_max_age            | INVALID_CLIENT_METADATA | MALFORMED | must be an integer, not a number                 | a fraction is no integer
        default_max_age            | 1e999999999                                  | /default_max_age            | INVALID_CLIENT_METADATA | MALFORMED | must be an integer                               | a huge exponent is a float, refused before arithmetic
        require_auth_time          | "true"                                       | /require_auth_time          | INVALID_CLIENT_METADATA | MALFORMED | require_auth_time must be true or false          | a boolean in a string
        backchannel_logout_session_required | 1                                   | /backchannel_logout_session_required | INVALID_CLIENT_METADATA | MALFORMED | must be true or false       | a number is no boolean
        post_logout_redirect_uris  | "https://app.example.com/bye"                | /post_logout_redirect_uris  | INVALID_CLIENT_METADATA | MALFORMED | must be an array of strings                      | a string where an array belongs
        udap                       | 1                                            | /udap                       | INVALID_CLIENT_METADATA | MALFORMED | udap must be a string, not a number              | the UDAP version is a string
        client_id                  | 5                                            |                             |                         |           |                                                  | server-set members are ignored on registration and checked on update
        default_max_age            | 3600                                         |                             |                         |           |                                                  | an integer passes
        frontchannel_logout_session_required | false                              |                             |                         |           |                                                  | a boolean passes
        client_name                | "Example App"                                |                             |                         |           |                                                  | a string passes
        contacts                   | []                                           |                             |                         |           |                                                  | an empty array has the right type (emptiness is another rule)
        jwks                       | {"keys": []}                                 |                             |                         |           |                                                  | an object passes where one belongs
        x_vendor_extension         | {"anything": [1, null]}                      |                             |                         |           |                                                  | unknown members may have any type (RFC 7591 section 2)
        redirect_uris#fr           | 3                                            |                             |                         |           |                                                  | redirect_uris has no language variants, so this is an unknown member
        """)
    void refusesMembersOfTheWrongJsonTypeAsMalformed(String member, String value, String field, RegistrationErrorCode code,
                                                     Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
