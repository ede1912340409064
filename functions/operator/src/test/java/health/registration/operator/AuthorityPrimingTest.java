package health.registration.operator;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.PrimingEnvironment;
import org.junit.jupiter.api.Test;

class AuthorityPrimingTest {

    @Test
    void primingReadsAClientChecksItsSecretAndAWrongOneAndMissesAnUnknownOneInMemory() {
        AuthorityPriming priming = new AuthorityPriming(PrimingEnvironment.nowhere());

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("200", "200", "200", "404");
        assertThat(priming.requests()).isGreaterThan(3);
    }
}
