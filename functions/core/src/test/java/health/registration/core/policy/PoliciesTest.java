package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.policy.rules.RedirectUriEdgeCases;
import health.registration.core.policy.rules.ValidMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The open dynamic-registration policy as a whole: every rule runs and one result carries every problem. */
class PoliciesTest {

    private static final Policy POLICY = Policies.openDynamicRegistration();

    @Test
    void acceptsTheValidFixtureWithoutErrorsOrWarnings() {
        PolicyResult result = evaluate(ValidMetadata.metadata());

        assertThat(result.valid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void reportsAllSevenMissingMembersOfAnEmptyObjectInOneResult() {
        PolicyResult result = evaluate(ValidMetadata.parseObject("{}"));

        assertThat(result.valid()).isFalse();
        assertThat(result.malformed()).isFalse();
        assertThat(result.errors()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(result.errors().get(0).field()).isEqualTo("/redirect_uris");
        assertThat(result.errors()).extracting(Violation::field, Violation::description).contains(
                tuple("/redirect_uris", "redirect_uris is required"),
                tuple("/client_uri", "client_uri is required"),
                tuple("/logo_uri", "logo_uri is required"),
                tuple("/contacts", "contacts is required"),
                tuple("/tos_uri", "tos_uri is required"),
                tuple("/policy_uri", "policy_uri is required"),
                tuple("/client_name", "client_name is required"));
        assertThat(result.toRegistrationError().error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
    }

    @Test
    void reportsEveryProblemInTheOrderOfTheSectionTwoTable() {
        // Members are written in reverse order, so the result's order cannot come from the input's.
        ObjectNode broken = ValidMetadata.json().objectNode();
        broken.put("token_endpoint_auth_method", "none");
        broken.putArray("grant_types").add("client_credentials");
        broken.put("client_name", "Example\u202eApp");
        broken.put("policy_uri", "https://app.example.com:8443/privacy");
        broken.put("tos_uri", "https://app.example.com/terms#top");
        broken.putArray("contacts").add("not an email");
        broken.put("logo_uri", "http://app.example.com/logo.png");
        broken.put("client_uri", "https://app.example.com/a/../");
        broken.putArray("redirect_uris").add("https://app.example.com/callback").add("x-argonaut-app:/callback");

        PolicyResult result = evaluate(ClientMetadata.of(broken));

        assertThat(result.errors()).extracting(v -> FieldPointer.memberOf(v.field())).containsExactly(
                "redirect_uris",
                "client_uri",
                "logo_uri",
                "contacts",
                "tos_uri",
                "policy_uri",
                "client_name",
                "grant_types",
                "grant_types",
                "token_endpoint_auth_method");
        assertThat(result.errors()).extracting(Violation::field).contains(
                "/redirect_uris/1", "/contacts/0", "/grant_types", "/grant_types/0");
        assertThat(result.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(delimiter = '|', textBlock = """
        # member          | value (JSON)                                             | error                   | description starts with                 | reason
        redirect_uris     | ["http://app.example.com/callback"]                      | INVALID_REDIRECT_URI    | redirect_uris/0 must use https          | one redirect URI problem
        logo_uri          | "http://app.example.com/logo.png"                        | INVALID_CLIENT_METADATA | logo_uri must use https                 | one other problem
        contacts          | ["dev@example.org"]                                      | INVALID_CLIENT_METADATA | contacts must include an email address  | a contact of another domain
        token_endpoint_auth_method | "none"                                          | INVALID_CLIENT_METADATA | token_endpoint_auth_method none         | a public client
        redirect_uris     | "https://app.example.com/callback"                       | INVALID_REDIRECT_URI    | redirect_uris must be an array of strings | a malformed redirect_uris
        """)
    void mapsTheFirstProblemToTheRegistrationError(String member, String value, RegistrationErrorCode error,
                                                   String descriptionStart, String reason) {
        PolicyResult result = evaluate(ValidMetadata.with(member, value));

        RegistrationError registrationError = result.toRegistrationError();

        assertThat(registrationError.error()).isEqualTo(error);
        assertThat(registrationError.description()).startsWith(descriptionStart);
        assertThat(registrationError.description()).startsWith(firstWithCode(result, error).description());
        assertThat(registrationError.errors()).isEqualTo(result.errors());
    }

    @Test
    void namesInvalidRedirectUriWhenAnyProblemConcernsRedirectUris() {
        ObjectNode json = ValidMetadata.json();
        json.put("client_name", "   ");
        json.putArray("contacts").add("dev@example.org");
        json.putArray("redirect_uris").add("https://app.example.com/callback").add("https://app.example.com/cb#x");

        PolicyResult result = evaluate(ClientMetadata.of(json));
        RegistrationError registrationError = result.toRegistrationError();

        assertThat(result.errors()).extracting(Violation::code).contains(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(registrationError.error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(registrationError.description()).startsWith("redirect_uris/1 must not contain a fragment");
    }

    @Test
    void namesInvalidClientMetadataWhenNoProblemConcernsRedirectUris() {
        ObjectNode json = ValidMetadata.json();
        json.put("client_name", "   ");
        json.put("tos_uri", "https://app.example.com:8443/terms");

        RegistrationError registrationError = evaluate(ClientMetadata.of(json)).toRegistrationError();

        assertThat(registrationError.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(registrationError.description()).startsWith("tos_uri uses a port other than 443");
        assertThat(registrationError.errors()).extracting(Violation::field).containsExactly("/tos_uri", "/client_name");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        client_uri | "http://app.example.com"
        tos_uri    | "http://app.example.com/terms"
        policy_uri | "http://app.example.com/privacy"
        """)
    void acceptsPlainHttpInformationPagesWithAWarningOnly(String member, String value) {
        PolicyResult result = evaluate(ValidMetadata.with(member, value));

        assertThat(result.valid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(Violation::field, Violation::severity)
                .containsExactly(tuple("/" + member, Severity.WARNING));
    }

    @Test
    void keepsWarningsBesideErrors() {
        ObjectNode json = ValidMetadata.json();
        json.put("client_uri", "http://app.example.com");
        json.put("logo_uri", "http://app.example.com/logo.png");

        PolicyResult result = evaluate(ClientMetadata.of(json));

        assertThat(result.errors()).extracting(Violation::field).containsExactly("/logo_uri");
        assertThat(result.warnings()).extracting(Violation::field).containsExactly("/client_uri");
        assertThat(result.toRegistrationError().errors()).extracting(Violation::severity).doesNotContain(Severity.WARNING);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
        redirect_uris | "https://app.example.com/callback"
        contacts      | "dev@example.com"
        client_name   | 42
        """)
    void marksWrongJsonTypesAsMalformed(String member, String value) {
        PolicyResult result = evaluate(ValidMetadata.with(member, value));

        assertThat(result.malformed()).isTrue();
        assertThat(result.errors()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo("/" + member);
            assertThat(v.severity()).isEqualTo(Severity.MALFORMED);
        });
    }

    @ParameterizedTest(name = "[{index}] {2}: refused by {1} rule(s)")
    @MethodSource("redirectUriEdgeCases")
    void refusesEachRedirectUriEdgeCaseOnlyThroughTheRulesThatOwnIt(String url, int refusingRules, String reason) {
        PolicyResult result = evaluate(ValidMetadata.withRedirectUri(url));

        assertThat(result.valid()).isEqualTo(refusingRules == 0);
        assertThat(result.warnings()).isEmpty();
        assertThat(result.errors()).hasSize(refusingRules).allSatisfy(v -> {
            assertThat(v.field()).isEqualTo("/redirect_uris/0");
            assertThat(v.code()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        });
    }

    static Stream<Arguments> redirectUriEdgeCases() {
        return RedirectUriEdgeCases.ALL.stream().map(c -> Arguments.of(c.url(), c.refusedBy().size(), c.reason()));
    }

    private static PolicyResult evaluate(ClientMetadata metadata) {
        return POLICY.evaluate(metadata, ValidMetadata.CONTEXT);
    }

    private static Violation firstWithCode(PolicyResult result, RegistrationErrorCode code) {
        List<Violation> matching = result.errors().stream().filter(v -> v.code() == code).toList();
        assertThat(matching).isNotEmpty();
        return matching.get(0);
    }
}
