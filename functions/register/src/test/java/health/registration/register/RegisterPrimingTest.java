package health.registration.register;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class RegisterPrimingTest {

    @Test
    void primingRegistersReplaysAndRefusesWithEveryRequestAnsweredInMemory() {
        RegisterPriming priming = new RegisterPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("201", "201", "400");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
