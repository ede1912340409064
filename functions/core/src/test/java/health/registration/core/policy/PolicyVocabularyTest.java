package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.SupportedScopes;
import health.registration.core.policy.rules.UrlHasNoFragment;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The names the policy's results are counted and answered by: each policy's name, each rule's name
 * (docs/operations/metrics.md), each RFC 7591 §3.2.2 error code and its HTTP status. Built inside each test, not
 * held in static fields, so that each test reads what the code returns now.
 */
class PolicyVocabularyTest {

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("open-url-rules", (Supplier<Policy>) Policies::openUrlRules),
                Arguments.of("open-dynamic-registration", (Supplier<Policy>) Policies::openDynamicRegistration),
                Arguments.of("udap-registration", (Supplier<Policy>) Policies::udapRegistration),
                Arguments.of("manual-url-rules", (Supplier<Policy>) Policies::manualUrlRules),
                Arguments.of("manual-registration", (Supplier<Policy>) Policies::manualRegistration));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void eachPolicyHasItsNameAndRules(String name, Supplier<Policy> policy) {
        assertThat(policy.get().name()).isEqualTo(name);
        assertThat(policy.get().rules()).isNotEmpty().doesNotContainNull();
    }

    @Test
    void aRuleIsNamedByItsClass() {
        assertThat(new UrlHasNoFragment().name()).isEqualTo("UrlHasNoFragment");
    }

    @ParameterizedTest
    @CsvSource({
        "invalid_request, INVALID_REQUEST, 400",
        "invalid_redirect_uri, INVALID_REDIRECT_URI, 400",
        "invalid_client_metadata, INVALID_CLIENT_METADATA, 400",
        "invalid_software_statement, INVALID_SOFTWARE_STATEMENT, 400",
        "unapproved_software_statement, UNAPPROVED_SOFTWARE_STATEMENT, 400",
        "rate_limited, RATE_LIMITED, 429",
        "invalid_token, INVALID_TOKEN, 401",
        "access_denied, ACCESS_DENIED, 403",
        "not_found, NOT_FOUND, 404",
        "server_error, SERVER_ERROR, 500",
        "temporarily_unavailable, TEMPORARILY_UNAVAILABLE, 503"})
    void eachErrorCodeHasItsWireValueAndStatus(String wire, RegistrationErrorCode code, int status) {
        assertThat(code.code()).isEqualTo(wire);
        assertThat(code.httpStatus()).isEqualTo(status);
        assertThat(RegistrationErrorCode.forCode(wire)).contains(code);
    }

    @ParameterizedTest
    @EnumSource(RegistrationErrorCode.class)
    void everyErrorCodeIsFoundByItsWireValue(RegistrationErrorCode code) {
        assertThat(RegistrationErrorCode.forCode(code.code())).contains(code);
    }

    @ParameterizedTest
    @CsvSource({"invalid_grant", "INVALID_REQUEST", "''"})
    void aValueThatIsNoneOfOurCodesIsNotFound(String wire) {
        assertThat(RegistrationErrorCode.forCode(wire)).isEmpty();
    }

    @Test
    void aContextWithSupportedScopesKeepsEverythingElse() {
        var findings = List.of(Violation.error("/client_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "x"));
        var context = new PolicyContext(URI.create("https://register.example.org/manual"), findings);
        SupportedScopes scopes = SupportedScopes.parse("openid system/*.rs").toOptional().orElseThrow();

        PolicyContext narrowed = context.withSupportedScopes(scopes);

        assertThat(narrowed.supportedScopes()).isSameAs(scopes);
        assertThat(narrowed.manualRegistrationUrl()).isEqualTo(context.manualRegistrationUrl());
        assertThat(narrowed.probeFindings()).isEqualTo(findings);
        assertThat(narrowed.udapGrantTypesSupported()).isEqualTo(PolicyContext.ALL_UDAP_GRANT_TYPES);
    }
}
