package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaFunctionVersionsTest {

    @Test
    void prunesTheNamedFunctionsOnceEachAndItself() {
        assertThat(LambdaFunctionVersions.functionsOf(Map.of(LambdaFunctionVersions.PRUNED_FUNCTIONS, " a, b,,a ",
                "AWS_LAMBDA_FUNCTION_NAME", "self"))).containsExactly("a", "b", "self");
        assertThat(LambdaFunctionVersions.functionsOf(Map.of("AWS_LAMBDA_FUNCTION_NAME", "self")))
                .as("locally nothing is named, and the function itself is not pruned either").isEmpty();
    }

    @Test
    void keepsThreeVersionsUnlessToldOtherwise() {
        assertThat(LambdaFunctionVersions.keptOf(Map.of())).isEqualTo(3);
        assertThat(LambdaFunctionVersions.keptOf(Map.of(LambdaFunctionVersions.VERSIONS_KEPT, " 5 "))).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "three", "1.5", "99999999999"})
    void refusesANumberToKeepBelowOneOrNotWhole(String value) {
        assertThatThrownBy(() -> LambdaFunctionVersions.keptOf(Map.of(LambdaFunctionVersions.VERSIONS_KEPT, value)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LambdaFunctionVersions.VERSIONS_KEPT);
    }
}
