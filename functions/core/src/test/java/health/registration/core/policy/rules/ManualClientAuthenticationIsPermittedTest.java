package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policy section 4 with the manual path's relaxations: client secrets, {@code none} for public clients, and
 * private_key_jwt with exactly one of jwks and jwks_uri (RFC 7591 §2); client_credentials takes client_secret_basic
 * or private_key_jwt only.
 */
class ManualClientAuthenticationIsPermittedTest {

    private static final Rule RULE = new ManualClientAuthenticationIsPermitted();
    private static final String JWKS = "{\"keys\": [$P256]}";
    private static final String JWKS_URI = "\"https://app.example.com/jwks.json\"";

    private static ClientMetadata metadata(String grantTypes, String method, boolean jwks, boolean jwksUri) {
        ObjectNode json = ValidMetadata.set(ValidMetadata.json(), "grant_types", grantTypes);
        ValidMetadata.set(json, "token_endpoint_auth_method", method);
        ValidMetadata.set(json, "jwks", jwks ? TestJwks.expand(JWKS) : null);
        ValidMetadata.set(json, "jwks_uri", jwksUri ? JWKS_URI : null);
        return ClientMetadata.of(json);
    }

    /** Empty grant and method cells leave the member out (RFC 7591's defaults: authorization_code, client_secret_basic). */
    @ParameterizedTest(name = "[{index}] {8}")
    @CsvSource(delimiter = '|', textBlock = """
        # grant_types (JSON)      | method (JSON)          | jwks  | jwks_uri | field                       | code                    | severity | phrase                                                                                 | reason
                                  |                        | false | false    |                             |                         |          |                                                                                        | the defaults: client_secret_basic
        ["authorization_code"]    | "client_secret_basic"  | false | false    |                             |                         |          |                                                                                        | a confidential client with a secret
        ["authorization_code"]    | "client_secret_post"   | false | false    |                             |                         |          |                                                                                        | the secret in the request body
        ["authorization_code"]    | "none"                 | false | false    |                             |                         |          |                                                                                        | a public native client (RFC 8252 section 8.4)
        ["authorization_code"]    | "private_key_jwt"      | true  | false    |                             |                         |          |                                                                                        | private_key_jwt with jwks
        ["authorization_code"]    | "private_key_jwt"      | false | true     |                             |                         |          |                                                                                        | private_key_jwt with jwks_uri
        ["client_credentials"]    |                        | false | false    |                             |                         |          |                                                                                        | client_credentials with the default client_secret_basic
        ["client_credentials"]    | "client_secret_basic"  | false | false    |                             |                         |          |                                                                                        | client_credentials with client_secret_basic
        ["client_credentials"]    | "private_key_jwt"      | true  | false    |                             |                         |          |                                                                                        | client_credentials with private_key_jwt and jwks
        ["client_credentials"]    | "private_key_jwt"      | false | true     |                             |                         |          |                                                                                        | client_credentials with private_key_jwt and jwks_uri
        ["authorization_code"]    | 5                      | false | false    |                             |                         |          |                                                                                        | a number is left to the type rule
        ["client_credentials"]    | "client_secret_post"   | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | the client_credentials grant needs token_endpoint_auth_method client_secret_basic or private_key_jwt | client_credentials with client_secret_post
        ["client_credentials"]    | "none"                 | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | needs token_endpoint_auth_method client_secret_basic or private_key_jwt               | a public client cannot use client_credentials (RFC 6749 section 4.4)
        ["authorization_code", "client_credentials"] | "none" | false | false  | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | needs token_endpoint_auth_method client_secret_basic or private_key_jwt               | nor beside authorization_code
        ["authorization_code"]    | "private_key_jwt"      | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | private_key_jwt needs the client's public keys in exactly one of jwks and jwks_uri    | private_key_jwt without keys
        ["client_credentials"]    | "private_key_jwt"      | true  | true     | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | exactly one of jwks and jwks_uri                                                       | both jwks and jwks_uri (RFC 7591 section 2)
        ["authorization_code"]    | "client_secret_basic"  | true  | false    | /jwks                       | INVALID_CLIENT_METADATA | ERROR    | jwks is accepted only with token_endpoint_auth_method private_key_jwt                 | keys beside a secret
        ["authorization_code"]    | "none"                 | false | true     | /jwks_uri                   | INVALID_CLIENT_METADATA | ERROR    | jwks_uri is accepted only with token_endpoint_auth_method private_key_jwt             | keys for a public client
        ["authorization_code"]    | "tls_client_auth"      | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | token_endpoint_auth_method must be client_secret_basic, client_secret_post, private_key_jwt or none | mutual TLS (RFC 8705)
        ["authorization_code"]    | "client_secret_jwt"    | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic, client_secret_post, private_key_jwt or none              | a shared-secret JWT
        ["authorization_code"]    | "None"                 | false | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic, client_secret_post, private_key_jwt or none              | method names are case-sensitive
        ["client_credentials"]    | "tls_client_auth"      | true  | false    | /token_endpoint_auth_method | INVALID_CLIENT_METADATA | ERROR    | must be client_secret_basic, client_secret_post, private_key_jwt or none              | an unknown method is reported alone
        """)
    void judgesClientAuthenticationAgainstTheGrants(String grantTypes, String method, boolean jwks, boolean jwksUri,
                                                    String field, RegistrationErrorCode code, Severity severity,
                                                    String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(metadata(grantTypes, method, jwks, jwksUri), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }

    @Test
    void reportsAPublicClientCredentialsClientWithKeysTwice() {
        List<Violation> found = RULE.check(metadata("[\"client_credentials\"]", "\"none\"", true, false), ValidMetadata.CONTEXT);

        assertThat(found).extracting(Violation::field).containsExactly("/token_endpoint_auth_method", "/jwks");
    }

    @Test
    void acceptsWhatTheOpenPathsRuleRefuses() {
        for (String method : List.of("\"none\"", "\"private_key_jwt\"")) {
            ClientMetadata metadata = metadata("[\"authorization_code\"]", method, method.contains("jwt"), false);

            assertThat(RULE.check(metadata, ValidMetadata.CONTEXT)).as(method).isEmpty();
            assertThat(new TokenEndpointAuthMethodIsPermitted().check(metadata, ValidMetadata.CONTEXT))
                    .as("the open path's rule, for contrast (%s)", method).isNotEmpty();
        }
    }
}
