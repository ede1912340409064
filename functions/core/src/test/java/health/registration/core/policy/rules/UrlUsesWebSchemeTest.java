package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy section 2: logo_uri is https; client_uri, tos_uri and policy_uri are http (with a warning) or https. */
class UrlUsesWebSchemeTest {

    private static final Rule RULE = new UrlUsesWebScheme();

    @ParameterizedTest(name = "[{index}] {2}: refused={1}")
    @MethodSource("redirectUriEdgeCases")
    void leavesRedirectUrisToTheirOwnSchemeRule(String url, boolean refused, String reason) {
        RedirectUriEdgeCases.assertJudged(RULE, url, refused);
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.verdictsOf(UrlUsesWebScheme.class);
    }

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member      | value (JSON)                              | field          | code                    | severity | phrase                                    | reason
        client_uri    | "http://app.example.com"                  | /client_uri    | INVALID_CLIENT_METADATA | WARNING  | client_uri should use https               | http client_uri is allowed with a warning
        tos_uri       | "http://app.example.com/terms"            | /tos_uri       | INVALID_CLIENT_METADATA | WARNING  | tos_uri should use https                  | http tos_uri is allowed with a warning
        policy_uri    | "HTTP://app.example.com/privacy"          | /policy_uri    | INVALID_CLIENT_METADATA | WARNING  | policy_uri should use https               | the scheme is compared without case
        client_uri#fr | "http://app.example.com/fr"               | /client_uri#fr | INVALID_CLIENT_METADATA | WARNING  | client_uri#fr should use https            | a language-tagged variant is checked too
        logo_uri      | "http://app.example.com/logo.png"         | /logo_uri      | INVALID_CLIENT_METADATA | ERROR    | logo_uri must use https                   | logo_uri must be https
        logo_uri#de   | "http://app.example.com/de.png"           | /logo_uri#de   | INVALID_CLIENT_METADATA | ERROR    | logo_uri#de must use https                | so must its language-tagged variants
        logo_uri      | "data:image/png;base64,iVBORw0KGgo="      | /logo_uri      | INVALID_CLIENT_METADATA | ERROR    | logo_uri must be an https URL             | an inline data: image
        client_uri    | "ftp://app.example.com"                   | /client_uri    | INVALID_CLIENT_METADATA | ERROR    | client_uri must be an http or https URL   | ftp is no web scheme
        tos_uri       | "javascript:alert(1)"                     | /tos_uri       | INVALID_CLIENT_METADATA | ERROR    | tos_uri must be an http or https URL      | a javascript: URI
        policy_uri    | "x-argonaut-app:/privacy"                 | /policy_uri    | INVALID_CLIENT_METADATA | ERROR    | must be an http or https URL              | a private-use scheme
        client_uri    | "https://app.example.com"                 |                |                         |          |                                           | https passes
        logo_uri      | "HTTPS://app.example.com/logo.png"        |                |                         |          |                                           | https in upper case passes here (the canonical-form rule refuses it)
        client_uri    | "app.example.com"                         |                |                         |          |                                           | text without a scheme is left to the well-formedness rule
        post_logout_redirect_uris | ["javascript:alert(1)"]    | /post_logout_redirect_uris/0 | INVALID_CLIENT_METADATA | ERROR | post_logout_redirect_uris/0 must be an https URL | a javascript: URI after logout
        sector_identifier_uri | "file:///etc/passwd"        | /sector_identifier_uri | INVALID_CLIENT_METADATA | ERROR | sector_identifier_uri must be an https URL | a file: URI
        jwks_uri      | "data:application/json,{}"                | /jwks_uri      | INVALID_CLIENT_METADATA | ERROR    | jwks_uri must be an https URL             | an inline data: key set
        jwks_uri      | "http://app.example.com/jwks.json"        | /jwks_uri      | INVALID_CLIENT_METADATA | ERROR    | jwks_uri must use https                   | plain http is refused for every member of section 9
        request_uris  | ["https://app.example.com/r", "http://app.example.com/r2"] | /request_uris/1 | INVALID_CLIENT_METADATA | ERROR | request_uris/1 must use https | the second entry is named by its index
        initiate_login_uri | "ftp://app.example.com/login"        | /initiate_login_uri | INVALID_CLIENT_METADATA | ERROR | initiate_login_uri must be an https URL | ftp
        backchannel_logout_uri | "com.example.app:/logout"        | /backchannel_logout_uri | INVALID_CLIENT_METADATA | ERROR | backchannel_logout_uri must be an https URL | a private-use scheme: the manual path's relaxations are for redirect URIs only
        frontchannel_logout_uri | "vbscript:msgbox"               | /frontchannel_logout_uri | INVALID_CLIENT_METADATA | ERROR | frontchannel_logout_uri must be an https URL | a vbscript: URI
        jwks_uri      | "https://app.example.com/jwks.json"       |                |                         |          |                                           | https passes
        post_logout_redirect_uris | ["https://app.example.com/bye"] |             |                         |          |                                           | an https entry passes
        """)
    void judgesSchemesOfEveryUrlMember(String member, String value, String field, RegistrationErrorCode code,
                                       Severity severity, String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
