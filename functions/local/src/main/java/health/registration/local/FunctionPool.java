package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The warm containers of one function, scaled out as Lambda scales a function: each request takes an idle
 * container, else starts a new one while the function has fewer than its limit, else waits for one to be free.
 * Each container runs one invocation at a time, so a handler never sees two at once on one instance, but two
 * requests to one function run side by side on two instances.
 *
 * <p>Containers are kept warm and reused (the most recently freed first); they are never retired. A container
 * whose start failed is not kept: like Lambda, a later request starts a fresh one, and the failed start does not
 * count against the limit.
 */
public final class FunctionPool {

    /**
     * Containers per function unless told otherwise: enough to show handlers running side by side (and any
     * unsafe sharing between their instances) without a burst of requests building dozens of handlers.
     */
    public static final int MAX_CONTAINERS = 8;

    private final FunctionDefinition function;
    private final ClassLoader classLoader;
    private final int maxContainers;
    /** One permit per container that may be busy; a request holds one from taking a container to freeing it. */
    private final Semaphore permits;
    private final Deque<FunctionContainer> idle = new ConcurrentLinkedDeque<>();

    public FunctionPool(FunctionDefinition function, ClassLoader classLoader) {
        this(function, classLoader, MAX_CONTAINERS);
    }

    public FunctionPool(FunctionDefinition function, ClassLoader classLoader, int maxContainers) {
        if (maxContainers < 1) {
            throw new IllegalArgumentException("a function needs room for at least one container, not " + maxContainers);
        }
        this.function = function;
        this.classLoader = classLoader;
        this.maxContainers = maxContainers;
        this.permits = new Semaphore(maxContainers, true);
    }

    public FunctionDefinition function() {
        return function;
    }

    public int maxContainers() {
        return maxContainers;
    }

    /**
     * Runs one invocation on a free container, waiting for one when all the function's containers are busy.
     * The context is made once the container is ready, so its deadline counts neither the wait nor a cold start,
     * as Lambda's timeout counts neither.
     *
     * @throws Exception whatever starting the container or running the handler threw; API Gateway would answer
     *                   502. {@link InterruptedException} when the wait for a container was interrupted.
     */
    public byte[] invoke(byte[] event, Supplier<? extends Context> context) throws Exception {
        permits.acquire();
        try {
            // Holding a permit while none is idle means every existing container is busy under another permit,
            // so there are fewer than maxContainers of them and this one may start.
            FunctionContainer container = idle.pollFirst();
            if (container == null) {
                container = FunctionContainer.start(function, classLoader);
            }
            try {
                return container.invoke(event, context.get());
            } finally {
                idle.addFirst(container);
            }
        } finally {
            permits.release();
        }
    }
}
