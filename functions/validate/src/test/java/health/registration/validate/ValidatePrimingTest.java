package health.registration.validate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ValidatePrimingTest {

    @Test
    void primingAnswersAValidRegistrationOneWithProblemsAndABodyThatIsNotJson() {
        ValidatePriming priming = new ValidatePriming(new ValidateClientHandler(Policies.openDynamicRegistration(),
                new PolicyContext(URI.create("https://manual.example.org/register"))));

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("200", "200", "400");
    }
}
