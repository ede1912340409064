package coldstart.bootstrap;

import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.api.client.runtimeapi.JniHelper;

/**
 * The runtime bootstrap of the benchmark's primed runs: SnapStart's init phase, then its restore, on a JVM without
 * CRaC. Run with {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}, so that the functions' org.crac
 * registrations land in the runtime interface client's own CRaC context, as they do in Lambda.
 *
 * <p>Like Lambda's init it loads the handler class and constructs one handler (which registers the function's
 * priming resource), then runs every {@code beforeCheckpoint} hook (where Lambda would take the snapshot) and every
 * {@code afterRestore} hook, prints how long each step took on stderr, and hands over to the runtime interface
 * client, which takes the first event. The function's classes are on the system class path, so the client's own
 * class loader finds the classes initialised here (it delegates to its parent first). There is no snapshot: the
 * process pays for the priming itself, and the first invocation shows what priming saved.
 */
public final class PrimeThenServe {

    private PrimeThenServe() {}

    public static void main(String[] args) throws Throwable {
        String handler = args[args.length - 1];
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        // The client's CRaC context clears the JDK's DNS cache through its JNI library in beforeCheckpoint.
        JniHelper.load();
        long start = System.nanoTime();
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        Core.getGlobalContext().beforeCheckpoint(null);
        long primed = System.nanoTime();
        Core.getGlobalContext().afterRestore(null);
        long restored = System.nanoTime();
        System.err.printf("PRIME construct=%.1fms beforeCheckpoint=%.1fms afterRestore=%.1fms%n",
                (constructed - start) / 1e6, (primed - constructed) / 1e6, (restored - primed) / 1e6);
        AWSLambda.main(args);
    }
}
