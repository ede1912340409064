package health.registration.local;

import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many registrations sent at once: a fixed pool of client threads, every one of them parked at one gate before the
 * first request goes, then all released together; each thread sends registration after registration until none is
 * left. The clock runs from the gate's opening to the last answer.
 */
final class RegistrationBurst {

    /** Far beyond what 200 registrations take; only a hang gets near it. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    /**
     * What came back, in the order the registrations were given.
     *
     * @param answers  each registration's answer, or null where it failed
     * @param failures what was thrown instead of an answer
     * @param elapsed  from the gate's opening to the last answer
     */
    record Result(List<RegistrationClient.Exchange> answers, List<Throwable> failures, Duration elapsed) {

        double perSecond() {
            return answers.size() * 1_000_000_000.0 / elapsed.toNanos();
        }
    }

    private RegistrationBurst() {}

    static Result send(RegistrationClient client, List<ClientMetadata> registrations, int threads)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch parked = new CountDownLatch(Math.min(threads, registrations.size()));
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<RegistrationClient.Exchange>> pending = new ArrayList<>();
            for (ClientMetadata metadata : registrations) {
                pending.add(pool.submit(() -> {
                    // The first task on each thread parks it here; later tasks find the gate open.
                    parked.countDown();
                    gate.await();
                    return client.register(metadata);
                }));
            }
            if (!parked.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the client threads did not all start");
            }
            long start = System.nanoTime();
            gate.countDown();
            List<RegistrationClient.Exchange> answers = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<RegistrationClient.Exchange> answer : pending) {
                collect(answer, start, answers, failures);
            }
            return new Result(answers, failures, Duration.ofNanos(System.nanoTime() - start));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void collect(Future<RegistrationClient.Exchange> answer, long start,
                                List<RegistrationClient.Exchange> answers, List<Throwable> failures)
            throws InterruptedException {
        long left = DEADLINE.toNanos() - (System.nanoTime() - start);
        try {
            answers.add(answer.get(Math.max(left, 0), TimeUnit.NANOSECONDS));
        } catch (ExecutionException failed) {
            answers.add(null);
            failures.add(failed.getCause());
        } catch (TimeoutException hung) {
            answers.add(null);
            failures.add(hung);
        }
    }
}
