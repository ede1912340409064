package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StaleFunctionVersionsTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                // published, aliased, kept, deleted, why
                Arguments.of("$LATEST", "", 3, "", "nothing published yet"),
                Arguments.of("$LATEST 1 2 3", "3", 3, "", "no more versions than are kept"),
                Arguments.of("$LATEST 1 2 3 4 5 6", "6", 3, "1 2 3", "the newest three stay, the older go"),
                Arguments.of("$LATEST 1 2 3 4 5 6", "2", 3, "1 3", "an older version an alias points at stays"),
                Arguments.of("$LATEST 1 2 3 4 5 6", "6 1", 1, "2 3 4 5", "aliased as a weighted additional version"),
                Arguments.of("$LATEST 9 10 11 100", "100", 2, "9 10", "compared as numbers, not as text"),
                Arguments.of("6 5 4 3 2 1 $LATEST", "", 3, "1 2 3", "in any order, deleted oldest first"),
                Arguments.of("$LATEST 1 2", "", 1, "1", "without an alias, only the kept stay"),
                Arguments.of("$LATEST x 1 2 99999999999999999999", "", 1, "1", "what is not a version number is left"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("rows")
    void deletesOnlyUnaliasedVersionsOlderThanTheKeptOnes(String published, String aliased, int kept, String deleted,
                                                           String why) {
        assertThat(StaleFunctionVersions.of(words(published), Set.copyOf(words(aliased)), kept))
                .containsExactlyElementsOf(words(deleted));
    }

    @Test
    void refusesANegativeNumberToKeep() {
        assertThatThrownBy(() -> StaleFunctionVersions.of(List.of("1"), Set.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" "));
    }
}
