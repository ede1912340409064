package health.registration.operator;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class OperatorPrimingTest {

    @Test
    void primingRegistersReadsListsAndSuspendsAClientWithEveryRequestAnsweredInMemory() {
        OperatorPriming priming = new OperatorPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("201", "200", "200", "200");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
