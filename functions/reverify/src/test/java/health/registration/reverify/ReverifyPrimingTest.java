package health.registration.reverify;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class ReverifyPrimingTest {

    @Test
    void primingReverifysReplaysAndRefusesWithEveryRequestAnsweredInMemory() {
        ReverifyPriming priming = new ReverifyPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("client_status=active", "run");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
