package health.registration.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationErrorTest {

    private static final Violation NAME = Violation.error("/client_name", RegistrationErrorCode.INVALID_CLIENT_METADATA, "client_name is required");
    private static final Violation LOGO = Violation.error("/logo_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "logo_uri must use https");
    private static final Violation REDIRECT = Violation.error("/redirect_uris/1", RegistrationErrorCode.INVALID_REDIRECT_URI, "redirect_uris/1 must use https");
    private static final Violation WARNING = Violation.warning("/tos_uri", RegistrationErrorCode.INVALID_CLIENT_METADATA, "tos_uri should use https");

    @Test
    void isInvalidRedirectUriWhenAnyProblemConcernsRedirectUris() {
        RegistrationError error = RegistrationError.of(List.of(LOGO, REDIRECT, NAME));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(error.description()).startsWith(REDIRECT.description());
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void isInvalidClientMetadataOtherwiseDescribingTheFirstProblem() {
        RegistrationError error = RegistrationError.of(List.of(LOGO, NAME));

        assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(error.description()).isEqualTo("logo_uri must use https (1 more problem is listed in errors)");
    }

    @Test
    void describesASingleProblemAlone() {
        assertThat(RegistrationError.single(NAME).description()).isEqualTo("client_name is required");
    }

    @Test
    void listsEveryRefusingProblemButNoWarning() {
        RegistrationError error = RegistrationError.of(List.of(WARNING, LOGO, NAME));

        assertThat(error.errors()).containsExactly(LOGO, NAME);
        assertThat(error.description()).endsWith("(1 more problem is listed in errors)");
    }

    @Test
    void needsAtLeastOneRefusingProblem() {
        assertThatThrownBy(() -> RegistrationError.of(List.of(WARNING))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegistrationError.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
