package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.rules.ValidUdapMetadata.Grant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UDAP IG STU2 §3.1: token_endpoint_auth_method is required, with the fixed value private_key_jwt. */
class UdapClientAuthenticationIsPrivateKeyJwtTest {

    private static final Rule RULE = new UdapClientAuthenticationIsPrivateKeyJwt();

    /** An empty value cell removes the member. */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant | member                     | value (JSON, empty: absent) | field                       | code                    | severity | phrase                                          | reason
        CC      | token_endpoint_auth_method | "private_key_jwt"           |                             |                         |          |                                                 | the fixed value, client_credentials
        AC      | token_endpoint_auth_method | "private_key_jwt"           |                             |                         |          |                                                 | the fixed value, authorization_code
        CC      | token_endpoint_auth_method |                             | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | token_endpoint_auth_method must be private_key_jwt | absent: required, no client_secret_basic default
        AC      | token_endpoint_auth_method |                             | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | absent with authorization_code too
        CC      | token_endpoint_auth_method | "client_secret_basic"       | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | a UDAP client gets no secret
        CC      | token_endpoint_auth_method | "client_secret_post"        | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | a UDAP client gets no secret
        AC      | token_endpoint_auth_method | "none"                      | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | a public client
        CC      | token_endpoint_auth_method | "client_secret_jwt"         | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | a shared-secret JWT
        CC      | token_endpoint_auth_method | "tls_client_auth"           | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | mutual TLS
        CC      | token_endpoint_auth_method | "Private_Key_JWT"           | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | method names are case-sensitive
        CC      | token_endpoint_auth_method | " private_key_jwt"          | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | no trimming
        CC      | token_endpoint_auth_method | ""                          | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | an empty method
        CC      | token_endpoint_auth_method | ["private_key_jwt"]         | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | an array is not the fixed string
        CC      | token_endpoint_auth_method | 1                           | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be private_key_jwt                         | a number is not the fixed string
        """)
    void requiresPrivateKeyJwt(Grant grant, String member, String value, String field, RegistrationErrorCode code,
                               Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidUdapMetadata.with(grant, member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
