package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrimingResourceTest {

    /** Primes by answering the given outcomes, or by failing with a message that must not reach the log. */
    private static final class Scripted extends PrimingResource {
        private final List<String> outcomes;

        Scripted(List<String> outcomes) {
            super("scripted");
            this.outcomes = outcomes;
        }

        @Override
        protected List<String> prime() {
            if (outcomes == null) {
                throw new IllegalStateException("secret-configuration-value");
            }
            return outcomes;
        }
    }

    private static final class Once extends PrimingResource {
        Once() {
            super("once");
        }

        @Override
        protected List<String> prime() {
            return List.of();
        }
    }

    @Test
    void eachFunctionsPrimingIsRegisteredOncePerJvmHoweverManyHandlersAreBuilt() {
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            PrimingResource.register(Once.class, () -> {
                built.incrementAndGet();
                return new Once();
            });
        }
        assertThat(built).hasValue(1);
    }

    @Test
    void primingKeepsItsOutcomesAndLogsOneLine() {
        Scripted priming = new Scripted(List.of("200", "400"));
        JsonNode log = lineOf(() -> priming.beforeCheckpoint(null));
        assertThat(priming.outcomes()).containsExactly("200", "400");
        assertThat(log.path("level").asText()).isEqualTo("INFO");
        assertThat(log.path("message").asText()).startsWith("priming scripted: 200 400 in ").endsWith(" ms");
    }

    @Test
    void aFailedPrimingIsLoggedByTheCausesClassOnlyAndTheSnapshotGoesAhead() {
        Scripted priming = new Scripted(null);
        JsonNode log = lineOf(() -> priming.beforeCheckpoint(null));
        assertThat(priming.outcomes()).isEmpty();
        assertThat(log.path("level").asText()).isEqualTo("WARN");
        assertThat(log.path("message").asText()).isEqualTo("priming scripted stopped: java.lang.IllegalStateException");
    }

    /** The one line an action logs outside an invocation (Lambda's runtime logger: standard output, in tests). */
    private static JsonNode lineOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("secret-configuration-value");
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException notOneJsonLine) {
            throw new AssertionError(text, notOneJsonLine);
        }
    }
}
