package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7591 §2.3 on the open path (and so in POST /validate): software statements only through UDAP. */
class SoftwareStatementIsUdapTest {

    private static final Rule RULE = new SoftwareStatementIsUdap();
    // {"alg":"HS256"} . {"iss":"https://issuer.example.org"} . sig
    private static final String MACED = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLm9yZyJ9.c2ln";

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
        # value (JSON)        | field               | code                          | severity | phrase                        | reason
        "not-a-jwt"           | /software_statement | INVALID_SOFTWARE_STATEMENT    | ERROR    | signed with JWS               | no JWT
        "MACED"               | /software_statement | UNAPPROVED_SOFTWARE_STATEMENT | ERROR    | approved only in UDAP         | another issuer's statement
        42                    |                     |                               |          |                               | another type: MembersHaveExpectedTypes reports it
        """)
    void refusesAPlainStatement(String value, String field, RegistrationErrorCode code, Severity severity, String phrase,
                                String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with("software_statement", value.replace("MACED", MACED)),
                ValidMetadata.CONTEXT), field, code, severity, phrase);
    }
}
