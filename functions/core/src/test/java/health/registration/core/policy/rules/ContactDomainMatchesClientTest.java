package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policy section 6: at least one contact's registrable domain equals that of client_uri or of a redirect URI.
 * In the URIs column, a URI with a path is a redirect URI and one without is client_uri; the rule sees no others.
 */
class ContactDomainMatchesClientTest {

    private static final Rule RULE = new ContactDomainMatchesClient();
    private static final String REFUSAL = "contacts must include an email address whose registrable domain (Public Suffix List) is that of client_uri or of a redirect URI";

    /** The example table of policy section 6, verbatim. */
    @ParameterizedTest(name = "[{index}] {0} with {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # contact             | URIs                                            | verdict
        dev@example.com       | https://app.example.com/cb                      | ok
        ops@mail.example.co.uk | https://example.co.uk                          | ok
        dev@example.org       | https://example.com/cb, https://example.com     | refused
        me@alice.github.io    | https://bob.github.io/cb                        | refused (github.io is a public suffix)
        """)
    void judgesThePolicyExamples(String contact, String uris, String verdict) {
        assertVerdict(RULE.check(metadata("[\"" + contact + "\"]", uris), ValidMetadata.CONTEXT), verdict);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # contacts (JSON)                          | URIs                                              | verdict | reason
        ["Dev@EXAMPLE.COM"]                        | https://app.example.com/cb                        | ok      | case is ignored
        ["dev@example.com."]                       | https://app.example.com/cb                        | ok      | a trailing dot on the contact is ignored
        ["dev@example.com"]                        | https://app.example.com./cb                       | ok      | a trailing dot on the host is ignored
        ["mailto:dev@example.com"]                 | https://app.example.com/cb                        | ok      | the mailto: form matches like the bare form
        ["dev@bücher.de"]                          | https://xn--bcher-kva.de/cb                       | ok      | internationalised domains are compared as A-labels
        ["ops@other.org", "dev@example.com"]       | https://app.example.com/cb                        | ok      | one matching contact among several is enough
        ["dev@example.com"]                        | https://www.example.com, https://cb.other.net/cb  | ok      | client_uri alone may match
        ["dev@other.net"]                          | https://www.example.com, https://cb.other.net/cb  | ok      | a redirect URI alone may match
        ["ops@other.org", "sec@another.net"]       | https://app.example.com/cb                        | refused | no contact matches
        ["dev@example.com"]                        | https://example.com.evil.net/cb                   | refused | a look-alike prefix is another domain
        ["dev@notexample.com"]                     | https://example.com/cb                            | refused | a shared suffix of letters is not a shared domain
        ["ops@example.co.uk"]                      | https://example.com/cb                            | refused | the same label under another suffix is another domain
        ["anyone@gmail.com"]                       | https://github.io/cb, https://github.io           | refused | a host that is a public suffix has no registrable domain to match
        ["me@github.io"]                           | https://github.io/cb                              | refused | nor does a contact at a public suffix
        ["dev@example.com"]                        | https://10.0.0.5/cb, https://10.0.0.5             | ok      | no host to compare: IP literals are refused by another rule
        ["not an email"]                           | https://app.example.com/cb                        | ok      | no valid contact: the address rule reports it
        """)
    void judgesContactDomains(String contacts, String uris, String verdict, String reason) {
        assertVerdict(RULE.check(metadata(contacts, uris), ValidMetadata.CONTEXT), verdict);
    }

    @Test
    void ignoresTheDomainsOfTosUriAndPolicyUri() {
        ObjectNode json = ValidMetadata.json();
        json.putArray("contacts").add("legal@example.org");
        json.put("tos_uri", "https://example.org/terms");
        json.put("policy_uri", "https://example.org/privacy");

        List<Violation> found = RULE.check(ClientMetadata.of(json), ValidMetadata.CONTEXT);

        ExpectedOutcome.assertOutcome(found, "/contacts", RegistrationErrorCode.INVALID_CLIENT_METADATA, Severity.ERROR,
                REFUSAL + ": example.com");
    }

    @Test
    void namesEveryDomainThatWouldMatch() {
        List<Violation> found = RULE.check(metadata("[\"dev@example.org\"]",
                "https://www.example.com, https://cb.example.net/a, https://app.example.net/b"), ValidMetadata.CONTEXT);

        assertThat(found).singleElement().extracting(Violation::description).asString()
                .endsWith(": example.com, example.net");
    }

    private static void assertVerdict(List<Violation> found, String verdict) {
        if (verdict.equals("ok")) {
            ExpectedOutcome.assertOutcome(found, null, null, null, null);
        } else {
            assertThat(verdict).startsWith("refused");
            ExpectedOutcome.assertOutcome(found, "/contacts", RegistrationErrorCode.INVALID_CLIENT_METADATA,
                    Severity.ERROR, REFUSAL);
        }
    }

    /** The fixture with these contacts, and with the URIs as its only redirect URIs and client_uri. */
    private static ClientMetadata metadata(String contactsJson, String uris) {
        ObjectNode json = ValidMetadata.set(ValidMetadata.json(), "contacts", contactsJson);
        json.remove("client_uri");
        ArrayNode redirectUris = json.putArray("redirect_uris");
        for (String uri : uris.split(",\\s*")) {
            if (URI.create(uri).getRawPath().isEmpty()) {
                json.put("client_uri", uri);
            } else {
                redirectUris.add(uri);
            }
        }
        return ClientMetadata.of(json);
    }
}
