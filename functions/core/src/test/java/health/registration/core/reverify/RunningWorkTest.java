package health.registration.core.reverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RunningWorkTest {

    @Test
    void rethrowsTheFirstFailureUncheckedAsItWasOrWrapped() {
        CompletableFuture<Void> unchecked = CompletableFuture.failedFuture(new IllegalArgumentException("bad row"));
        CompletableFuture<Void> checked = CompletableFuture.failedFuture(new IOException("disk"));

        assertThatThrownBy(() -> RunningWork.awaitAll(List.of(CompletableFuture.completedFuture(null), unchecked), "probing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad row");
        assertThatThrownBy(() -> RunningWork.awaitAll(List.of(checked), "probing"))
                .isInstanceOf(IllegalStateException.class).hasMessage("probing failed").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void stopsWaitingWhenInterruptedAndKeepsTheInterrupt() {
        CompletableFuture<Void> neverDone = new CompletableFuture<>();
        Thread.currentThread().interrupt();

        try {
            assertThatThrownBy(() -> RunningWork.awaitAll(List.of(neverDone), "probing"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while probing");
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller (and cleared here)").isTrue();
        }
    }
}
