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
        software_statement         | {}                                           | /software_statement         | INVALID_CLIENT_METADATA | MALFORMED | must be a string, not an object                  | a software statement is a JWT string
        client_name#fr             | 5                                            | /client_name#fr             | INVALID_CLIENT_METADATA | MALFORMED | client_name#fr must be a string, not a number    | language-tagged variants are typed like their member
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
