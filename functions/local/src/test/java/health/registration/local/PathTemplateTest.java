package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource({
            "/validate,                     /validate",
            "/,                             /",
            "/register/{client_id},         /register/abc",
            "/files/{proxy+},               /files/a",
            "/files/{proxy+},               /files/a/b/c.txt",
    })
    void matchesPathsOfItsShape(String template, String path) {
        assertThat(PathTemplate.parse(template).match(path)).isPresent();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource({
            "/validate,                     /validate/",        // a trailing slash is another resource
            "/validate,                     /Validate",         // paths are case-sensitive
            "/validate,                     /validate/more",
            "/,                             /validate",
            "/register/{client_id},         /register",
            "/register/{client_id},         /register/",        // a variable needs a non-empty segment
            "/register/{client_id},         /register/a/b",     // and only one
            "/files/{proxy+},               /files",            // greedy needs at least one segment
            "/files/{proxy+},               /files/",
            "/files/{proxy+},               /other/a",
    })
    void refusesPathsOfAnotherShape(String template, String path) {
        assertThat(PathTemplate.parse(template).match(path)).isEmpty();
    }

    @Test
    void fillsVariablesWithTheirSegments() {
        assertThat(PathTemplate.parse("/register/{client_id}/secrets/{secret}").match("/register/abc/secrets/7"))
                .contains(Map.of("client_id", "abc", "secret", "7"));
    }

    @Test
    void greedyVariableTakesTheRestOfThePathWithoutItsLeadingSlash() {
        assertThat(PathTemplate.parse("/files/{proxy+}").match("/files/a/b/c.txt"))
                .contains(Map.of("proxy", "a/b/c.txt"));
    }

    @Test
    void keepsPercentEncodingInValuesAsRestApisDo() {
        assertThat(PathTemplate.parse("/register/{client_id}").match("/register/a%2Fb%20c"))
                .contains(Map.of("client_id", "a%2Fb%20c"));
    }

    @Test
    void literalTemplateHasNoParameters() {
        assertThat(PathTemplate.parse("/validate").match("/validate")).contains(Map.of());
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({
            "validate",             // no leading slash
            "/files/{proxy+}/more", // greedy only at the end
            "/a//b",                // empty segment
            "/a/{}",                // nameless variable
    })
    void refusesMalformedTemplates(String template) {
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(template)).withMessageContaining(template);
    }

    @Test
    void ordersLiteralBeforeVariableBeforeGreedy() {
        List<PathTemplate> templates = new ArrayList<>(List.of(
                PathTemplate.parse("/{proxy+}"),
                PathTemplate.parse("/register/{client_id}"),
                PathTemplate.parse("/register/{proxy+}"),
                PathTemplate.parse("/register/new")));
        templates.sort(PathTemplate.MOST_SPECIFIC_FIRST);
        assertThat(templates).map(PathTemplate::toString)
                .containsExactly("/register/new", "/register/{client_id}", "/register/{proxy+}", "/{proxy+}");
    }
}
