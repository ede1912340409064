package health.registration.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function's SnapStart priming. Lambda calls {@link #beforeCheckpoint} once the function is initialised and before
 * it takes the snapshot; the function then runs its own request paths on built-in requests ({@link PrimingRequests}),
 * so the classes those paths need are loaded, linked and initialised, and Jackson's serialisers built, in the snapshot
 * rather than on the first request after a restore. Priming never reaches the network: the pure functions (validate,
 * discovery) prime their own handler; the probe function primes a handler over {@link PrimingProber}; the issuing
 * functions prime handlers over SDK clients that answer in memory. Each function registers one, from its handler's
 * no-argument constructor ({@link #register}); on a JVM without CRaC or SnapStart (tests, the local API, functions
 * without SnapStart) registering does nothing and the hooks never run.
 *
 * <p>Priming is an optimisation: if it fails, one line says so and the snapshot is taken anyway. Nothing priming
 * builds outlives it (no random generator, connection or resolved address made for priming is kept), so there is
 * nothing to refresh after a restore.
 */
public abstract class PrimingResource implements Resource {

    // org.crac keeps resources only weakly: these references keep each function's one resource alive.
    private static final Map<Class<?>, PrimingResource> REGISTERED = new ConcurrentHashMap<>();

    private final String function;
    private volatile List<String> outcomes = List.of();

    protected PrimingResource(String function) {
        this.function = function;
    }

    /**
     * Registers the function's priming with the runtime's checkpoint/restore context, once per JVM however many
     * handlers are built.
     */
    public static <R extends PrimingResource> void register(Class<R> type, Supplier<R> priming) {
        REGISTERED.computeIfAbsent(type, t -> {
            R resource = priming.get();
            Core.getGlobalContext().register(resource);
            return resource;
        });
    }

    /** Runs the function's request paths on built-in requests; answers one short outcome per request, for the log. */
    protected abstract List<String> prime() throws Exception;

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        long start = System.nanoTime();
        try {
            outcomes = List.copyOf(prime());
            RequestLog.current().info("priming " + function + ": " + String.join(" ", outcomes) + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (Exception | LinkageError failed) {
            // The cause's class only: a message could quote configuration.
            RequestLog.current().warn("priming " + function + " stopped: " + failed.getClass().getName());
        }
    }

    @Override
    public final void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: see the class comment.
    }

    /** The outcomes of the last priming: one per built-in request, empty before it ran or when it failed. */
    public List<String> outcomes() {
        return outcomes;
    }
}
