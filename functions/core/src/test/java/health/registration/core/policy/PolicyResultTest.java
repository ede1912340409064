package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyResultTest {

    private static Violation error(String field) {
        return Violation.error(field, RegistrationErrorCode.INVALID_CLIENT_METADATA, field);
    }

    @Test
    void ordersProblemsBySectionTwoMemberOrderThenIndex() {
        List<Violation> found = List.of(error("/x_extension"), error("/client_name"), error("/redirect_uris/10"),
                error("/contacts/0"), error("/redirect_uris/2"), error("/logo_uri#fr"), error(""), error("/grant_types/0"));

        PolicyResult result = PolicyResult.of(found);

        assertThat(result.errors()).extracting(Violation::field).containsExactly(
                "", "/redirect_uris/2", "/redirect_uris/10", "/logo_uri#fr", "/contacts/0", "/client_name", "/grant_types/0", "/x_extension");
    }

    @Test
    void putsProblemsWithAMembersEntriesBeforeProblemsWithTheWholeMember() {
        List<Violation> found = List.of(error("/grant_types"), error("/grant_types/1"), error("/grant_types/0"));

        assertThat(PolicyResult.of(found).errors()).extracting(Violation::field)
                .containsExactly("/grant_types/0", "/grant_types/1", "/grant_types");
    }

    @Test
    void keepsRuleOrderForProblemsOfTheSameField() {
        Violation first = Violation.error("/client_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "first");
        Violation second = Violation.error("/client_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "second");

        assertThat(PolicyResult.of(List.of(first, second)).errors()).containsExactly(first, second);
    }

    @Test
    void separatesWarningsFromErrorsAndWarningsAloneAreValid() {
        Violation warning = Violation.warning("/tos_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "tos_uri should use https");

        PolicyResult result = PolicyResult.of(List.of(warning));

        assertThat(result.valid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(warning);
    }

    @Test
    void isMalformedOnlyWhenSomeProblemIsMalformed() {
        Violation malformed = Violation.malformed("/client_name", RegistrationErrorCode.INVALID_CLIENT_METADATA, "client_name must be a string");

        assertThat(PolicyResult.of(List.of(error("/client_uri"))).malformed()).isFalse();
        assertThat(PolicyResult.of(List.of(error("/client_uri"), malformed)).malformed()).isTrue();
        assertThat(PolicyResult.of(List.of(malformed)).valid()).isFalse();
    }
}
