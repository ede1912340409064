package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 4, plain registration: client_secret_basic (the default) or client_secret_post. */
class TokenEndpointAuthMethodIsPermittedTest {

    private static final Rule RULE = new TokenEndpointAuthMethodIsPermitted();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member                   | value (JSON, empty: absent) | field                       | code                    | severity | phrase                                                      | reason
        token_endpoint_auth_method |                             |                             |                         |          |                                                             | absent: client_secret_basic by default
        token_endpoint_auth_method | "client_secret_basic"       |                             |                         |          |                                                             | HTTP Basic with the client secret
        token_endpoint_auth_method | "client_secret_post"        |                             |                         |          |                                                             | the client secret in the request body
        token_endpoint_auth_method | "none"                      | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | register the app manually at https://manual.example.org/register | public clients go to manual registration
        token_endpoint_auth_method | "private_key_jwt"           | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | only through UDAP dynamic registration                      | private_key_jwt belongs to UDAP registration
        token_endpoint_auth_method | "client_secret_jwt"         | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic or client_secret_post           | client_secret_jwt is not offered
        token_endpoint_auth_method | "tls_client_auth"           | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic or client_secret_post           | mutual TLS is not offered
        token_endpoint_auth_method | "Client_Secret_Basic"       | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic or client_secret_post           | method names are case-sensitive
        token_endpoint_auth_method | ""                          | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic or client_secret_post           | an empty method
        token_endpoint_auth_method | 1                           |                             |                         |          |                                                             | a number is left to the type rule
        """)
    void judgesTokenEndpointAuthMethods(String member, String value, String field, RegistrationErrorCode code,
                                        Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
