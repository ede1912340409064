package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
        String log = stderrOf(() -> priming.beforeCheckpoint(null));
        assertThat(priming.outcomes()).containsExactly("200", "400");
        assertThat(log).startsWith("priming scripted: 200 400 in ").endsWith(" ms\n");
    }

    @Test
    void aFailedPrimingIsLoggedByTheCausesClassOnlyAndTheSnapshotGoesAhead() {
        Scripted priming = new Scripted(null);
        String log = stderrOf(() -> priming.beforeCheckpoint(null));
        assertThat(priming.outcomes()).isEmpty();
        assertThat(log).isEqualTo("priming scripted stopped: java.lang.IllegalStateException\n");
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
