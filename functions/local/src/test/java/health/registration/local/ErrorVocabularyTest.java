package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.policy.RegistrationErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One error vocabulary (docs/conventions.md): every {@code error} the API answers is a {@link RegistrationErrorCode},
 * whether a function or API Gateway answers it, and no main source spells a code as a string literal.
 */
class ErrorVocabularyTest {

    private static final Path FUNCTIONS = Path.of("..");
    private static final Pattern TEMPLATE_CODE = Pattern.compile("\"(?:error|code)\": \"([a-z_]+)\"");
    /** Where a code's text may stand: the enum itself, and the probe report's outcome of a site's 5xx answer. */
    private static final Set<String> SPELLED_HERE = Set.of("RegistrationErrorCode.java", "ProbeOutcome.java");

    @Test
    void theGatewayAnswersOnlyCodesOfTheVocabulary() throws IOException {
        String template = Files.readString(SamTemplateTest.REAL_TEMPLATE);
        Matcher code = TEMPLATE_CODE.matcher(template);
        List<String> codes = new ArrayList<>();
        while (code.find()) {
            codes.add(code.group(1));
        }

        assertThat(codes).as("error codes in the template's gateway responses").isNotEmpty()
                .allSatisfy(c -> assertThat(RegistrationErrorCode.forCode(c)).as(c).isPresent());
    }

    @Test
    void noMainSourceSpellsACodeAsALiteral() throws IOException {
        List<String> literals = Arrays.stream(RegistrationErrorCode.values()).map(c -> "\"" + c.code() + "\"").toList();
        List<String> found = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(FUNCTIONS)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList();
        }
        assertThat(sources).as("main sources of every module").hasSizeGreaterThan(100);
        for (Path file : sources) {
            if (!SPELLED_HERE.contains(file.getFileName().toString())) {
                String source = Files.readString(file);
                literals.stream().filter(source::contains).forEach(l -> found.add(file + " spells " + l));
            }
        }

        assertThat(found).isEmpty();
    }
}
