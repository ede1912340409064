package health.registration.core.policy.rules;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 6: every contact is an email address, bare or as a mailto: URI, under a public suffix. */
class ContactIsEmailAddressTest {

    private static final Rule RULE = new ContactIsEmailAddress();

    @ParameterizedTest(name = "[{index}] {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # member | value (JSON)                                | field       | code                    | severity | phrase                                    | reason
        contacts | ["dev@example.com"]                         |             |                         |          |                                           | a bare address
        contacts | ["mailto:dev@example.com"]                  |             |                         |          |                                           | the mailto: form the UDAP IG asks for
        contacts | ["MAILTO:dev@example.com"]                  |             |                         |          |                                           | the mailto scheme in any case
        contacts | ["Dev@EXAMPLE.COM"]                         |             |                         |          |                                           | upper case
        contacts | ["dev@example.com."]                        |             |                         |          |                                           | a trailing dot on the domain
        contacts | ["ops@mail.example.co.uk"]                  |             |                         |          |                                           | a subdomain under a two-label suffix
        contacts | ["dev@bücher.de"]                           |             |                         |          |                                           | an internationalised domain in Unicode
        contacts | ["dev@xn--bcher-kva.de"]                    |             |                         |          |                                           | the same domain as A-labels
        contacts | ["first.last+tag@example.com"]              |             |                         |          |                                           | dots and plus in the local part
        contacts | ["mailto:a@example.com?subject=x"]          | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | no header fields                          | a mailto: URI with a header field
        contacts | ["mailto:a@example.com,b@example.com"]      | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | one address                               | a mailto: URI with two addresses
        contacts | ["mailto:dev%40example.com"]                | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | percent-encoding                          | a percent-encoded mailto: URI
        contacts | ["Dev <dev@example.com>"]                   | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | without a display name or comment         | a display name
        contacts | ["dev@example.com (Dev)"]                   | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | without a display name or comment         | a comment
        contacts | ["\\"dev\\"@example.com"]                   | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | must not use a quoted local part          | a quoted local part
        contacts | ["\\"a@b\\"@example.com"]                   | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | must not use a quoted local part          | a quoted local part hiding an @
        contacts | ["dev@[192.168.0.1]"]                       | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | must name a domain, not an address literal | a domain literal
        contacts | ["dev@localhost"]                           | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain       | localhost
        contacts | ["dev@example"]                             | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain       | a domain without a public suffix
        contacts | ["dev@com"]                                 | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | not under a public top-level domain       | a bare top-level domain
        contacts | ["dev@xn--bcher-kv.de"]                     | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | has a domain that                         | an invalid A-label
        contacts | ["dév@example.com"]                         | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | local part                                | a non-ASCII local part
        contacts | ["dev..ops@example.com"]                    | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | is not a valid email address              | two dots in a row
        contacts | ["not an email"]                            | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | name@domain                               | no @
        contacts | ["@example.com"]                            | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | name@domain                               | no local part
        contacts | ["dev@"]                                    | /contacts/0 | INVALID_CLIENT_METADATA | ERROR    | name@domain                               | no domain
        contacts | ["dev@example.com", "https://example.com"]  | /contacts/1 | INVALID_CLIENT_METADATA | ERROR    | contacts/1                                | the second entry is named by its index
        contacts | [""]                                        |             |                         |          |                                           | an empty entry is left to the required-members rule
        contacts | [5]                                         |             |                         |          |                                           | a number is left to the type rule
        """)
    void judgesEachContactAddress(String member, String value, String field, RegistrationErrorCode code, Severity severity,
                                  String phrase, String reason) {
        ExpectedOutcome.assertOutcome(RULE.check(ValidMetadata.with(member, value), ValidMetadata.CONTEXT),
                field, code, severity, phrase);
    }
}
