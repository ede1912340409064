package health.registration.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class CleanupPrimingTest {

    @Test
    void primingCleanupsReplaysAndRefusesWithEveryRequestAnsweredInMemory() {
        CleanupPriming priming = new CleanupPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("abandoned_removed=0", "deletions_finished=0");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
