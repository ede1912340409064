package health.registration.local;

import static health.registration.local.FunctionContainerTest.context;
import static health.registration.local.FunctionContainerTest.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FunctionPoolTest {

    private final ExecutorService requests = Executors.newCachedThreadPool();

    private static FunctionPool pool(Class<?> handler, int maxContainers) {
        return new FunctionPool(definition(handler, "handleRequest"), FunctionPoolTest.class.getClassLoader(), maxContainers);
    }

    /** The body of a proxy response, else the whole output (the test handlers' own format). */
    private static String invoke(FunctionPool pool) throws Exception {
        byte[] output = pool.invoke(new byte[0], () -> context(pool.function()));
        try {
            return new String(ProxyResponse.parse(output).body(), StandardCharsets.UTF_8);
        } catch (MalformedProxyResponse notAProxyResponse) {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    private List<Future<String>> invokeAtOnce(FunctionPool pool, int count) {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(requests.submit(() -> invoke(pool)));
        }
        return results;
    }

    private static List<String> results(List<Future<String>> futures) throws Exception {
        List<String> results = new ArrayList<>();
        for (Future<String> future : futures) {
            results.add(future.get(10, TimeUnit.SECONDS));
        }
        return results;
    }

    @BeforeEach
    void resetCounters() {
        GatedHandler.reset();
        InstanceCountingHandler.INSTANCES.set(0);
        FailingConstructorHandler.ATTEMPTS.set(0);
        FlakyConstructorHandler.ATTEMPTS.set(0);
    }

    @AfterEach
    void stopRequests() {
        GatedHandler.open();
        requests.shutdownNow();
    }

    @Test
    void startsNoContainerBeforeTheFirstRequestAndReusesAWarmOne() throws Exception {
        FunctionPool pool = pool(InstanceCountingHandler.class, FunctionPool.MAX_CONTAINERS);
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(0);
        for (int i = 0; i < 3; i++) {
            assertThat(invoke(pool)).startsWith("instance 1 ");
        }
        assertThat(InstanceCountingHandler.INSTANCES).hasValue(1);
    }

    @Test
    void runsTwoSlowInvocationsOfOneFunctionSideBySideOnTwoContainers() throws Exception {
        List<Future<String>> running = invokeAtOnce(pool(GatedHandler.class, FunctionPool.MAX_CONTAINERS), 2);
        // Both begin while the gate is shut: one could not begin if the other still held the function.
        assertThat(GatedHandler.BEGUN.tryAcquire(2, 10, TimeUnit.SECONDS)).as("both invocations began").isTrue();
        GatedHandler.open();
        assertThat(results(running)).containsExactlyInAnyOrder("instance 1", "instance 2");
        assertThat(GatedHandler.MOST_RUNNING).hasValue(2);
    }

    @Test
    void makesAnInvocationWaitForAFreeContainerAtTheLimit() throws Exception {
        List<Future<String>> running = invokeAtOnce(pool(GatedHandler.class, 2), 3);
        assertThat(GatedHandler.BEGUN.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two invocations began").isTrue();
        assertThat(GatedHandler.BEGUN.tryAcquire(1, 300, TimeUnit.MILLISECONDS)).as("the third waits").isFalse();
        assertThat(GatedHandler.INSTANCES).as("no third container").hasValue(2);
        GatedHandler.open();
        assertThat(results(running)).hasSize(3).allMatch(result -> result.equals("instance 1") || result.equals("instance 2"));
        assertThat(GatedHandler.INSTANCES).hasValue(2);
        assertThat(GatedHandler.MOST_RUNNING).hasValue(2);
    }

    @Test
    void neverGivesOneContainerTwoInvocationsUnderLoad() throws Exception {
        GatedHandler.open();
        List<String> all = results(invokeAtOnce(pool(GatedHandler.class, 3), 50));
        assertThat(all).hasSize(50);
        assertThat(GatedHandler.INSTANCES.get()).isBetween(1, 3);
        assertThat(GatedHandler.MOST_RUNNING.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void retriesAFailedStartAndReportsTheConstructorsOwnErrorEachTime() {
        FunctionPool pool = pool(FailingConstructorHandler.class, 1);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThatException().isThrownBy(() -> invoke(pool))
                    .isInstanceOf(IllegalStateException.class).withMessage(FailingConstructorHandler.MESSAGE);
        }
        assertThat(FailingConstructorHandler.ATTEMPTS).hasValue(3);
    }

    @Test
    void aFailedStartDoesNotTakeThePlaceOfAContainer() throws Exception {
        FunctionPool pool = pool(FlakyConstructorHandler.class, 1);
        assertThatException().isThrownBy(() -> invoke(pool)).withMessage(FlakyConstructorHandler.MESSAGE);
        assertThat(invoke(pool)).isEqualTo("built on attempt 2");
        assertThat(invoke(pool)).as("the working container is kept").isEqualTo("built on attempt 2");
    }

    @Test
    void makesTheContextOnlyOnceAContainerIsReady() {
        FunctionPool pool = pool(FailingConstructorHandler.class, 1);
        AtomicInteger contexts = new AtomicInteger();
        assertThatException().isThrownBy(() -> pool.invoke(new byte[0], () -> {
            contexts.incrementAndGet();
            return context(pool.function());
        }));
        assertThat(contexts).hasValue(0);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> pool(EchoHandler.class, 0));
        assertThat(pool(EchoHandler.class, 1).maxContainers()).isEqualTo(1);
        assertThat(new FunctionPool(definition(EchoHandler.class, "handleRequest"), getClass().getClassLoader())
                .maxContainers()).isEqualTo(FunctionPool.MAX_CONTAINERS).isEqualTo(8);
    }
}
