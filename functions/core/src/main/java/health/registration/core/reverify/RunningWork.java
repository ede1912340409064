package health.registration.core.reverify;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Work a run handed to its executors: waiting for all of it, a failure rethrown as the run's own. */
final class RunningWork {

    private RunningWork() {}

    /** Waits for every task; the first failure is rethrown (unchecked as it was, else wrapped), naming {@code work}. */
    static void awaitAll(List<? extends Future<?>> tasks, String work) {
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(work + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + work, e);
            }
        }
    }
}
