package health.registration.manage;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class ManagePrimingTest {

    @Test
    void primingReadsUpdatesAndDeletesAClientWithEveryRequestAnsweredInMemory() {
        ManagePriming priming = new ManagePriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("200", "200", "204");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
