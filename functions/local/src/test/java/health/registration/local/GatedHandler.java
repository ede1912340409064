package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test handler for concurrency: each invocation signals that it has begun, then waits until the test opens the
 * gate, and answers 200 with its instance's number as the body. It counts its instances and the most invocations running at once.
 */
public final class GatedHandler implements RequestStreamHandler {

    static final AtomicInteger INSTANCES = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    /** One permit per invocation that has begun. */
    static final Semaphore BEGUN = new Semaphore(0);
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    private final int number = INSTANCES.incrementAndGet();
    private final AtomicInteger runningHere = new AtomicInteger();

    static void reset() {
        INSTANCES.set(0);
        RUNNING.set(0);
        MOST_RUNNING.set(0);
        BEGUN.drainPermits();
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (runningHere.incrementAndGet() != 1) {
            throw new IllegalStateException("instance " + number + " was given two invocations at once");
        }
        MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        BEGUN.release();
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new IOException("the test never opened the gate");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted at the gate", interrupted);
        } finally {
            RUNNING.decrementAndGet();
            runningHere.decrementAndGet();
        }
        output.write(("{\"statusCode\": 200, \"body\": \"instance " + number + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
