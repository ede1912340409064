package health.registration.core.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.model.FieldPointer;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Severity;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Objects;

/** What one table row expects a rule to report: nothing (no field), or exactly one violation. */
final class ExpectedOutcome {

    private ExpectedOutcome() {}

    /**
     * Asserts the row's outcome. A row that names a field expects one violation at that JSON pointer, with that
     * code and severity, whose description names the member (conventions, Errors) and contains the phrase if one
     * is given.
     */
    static void assertOutcome(List<Violation> found, String field, RegistrationErrorCode code, Severity severity,
                                     String phrase) {
        if (field == null) {
            assertThat(found).as("violations").isEmpty();
            return;
        }
        Objects.requireNonNull(code, "a row that names a field must name a code");
        Objects.requireNonNull(severity, "a row that names a field must name a severity");
        assertThat(found).as("violations").singleElement().satisfies(violation -> {
            assertThat(violation.field()).as("field").isEqualTo(field);
            assertThat(violation.code()).as("code").isEqualTo(code);
            assertThat(violation.severity()).as("severity").isEqualTo(severity);
            assertThat(violation.description()).as("description").contains(memberName(field));
            if (phrase != null) {
                assertThat(violation.description()).as("description").contains(phrase);
            }
        });
    }

    /** The member a pointer starts with, without a language tag: {@code /logo_uri#fr} names logo_uri. */
    private static String memberName(String field) {
        String member = FieldPointer.memberOf(field);
        int hash = member.indexOf('#');
        return hash < 0 ? member : member.substring(0, hash);
    }
}
