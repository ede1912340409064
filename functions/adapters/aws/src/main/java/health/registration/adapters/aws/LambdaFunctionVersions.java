package health.registration.adapters.aws;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Deletes the stale published versions ({@link StaleFunctionVersions}) of the stack's functions through the Lambda
 * API. Housekeeping: a function it cannot list or a version it cannot delete is reported to {@code problems} and
 * skipped, never thrown, so that it cannot stop the registration cleanup it runs beside.
 */
public final class LambdaFunctionVersions {

    /** Names of the functions whose versions are pruned, comma-separated (the template lists the stack's). */
    public static final String PRUNED_FUNCTIONS = "VERSION_PRUNED_FUNCTIONS";
    /** How many of the newest versions of each function stay, besides those an alias points at. */
    public static final String VERSIONS_KEPT = "FUNCTION_VERSIONS_KEPT";

    private final LambdaVersionRequests lambda;
    private final List<String> functions;
    private final int kept;

    public LambdaFunctionVersions(LambdaVersionRequests lambda, List<String> functions, int kept) {
        this.lambda = lambda;
        this.functions = List.copyOf(functions);
        this.kept = kept;
    }

    /**
     * Pruning as the environment says: of the functions it names and the function itself; of none when it names none
     * (locally), and then nothing is sent to Lambda.
     */
    public static LambdaFunctionVersions fromEnvironment(Map<String, String> environment) {
        List<String> functions = functionsOf(environment);
        return functions.isEmpty() ? none() : new LambdaFunctionVersions(LambdaVersionRequests.shared(), functions, keptOf(environment));
    }

    /** Prunes nothing. */
    public static LambdaFunctionVersions none() {
        return new LambdaFunctionVersions(null, List.of(), StaleFunctionVersions.DEFAULT_KEPT);
    }

    /**
     * The functions named by {@code VERSION_PRUNED_FUNCTIONS}, and then the function itself
     * ({@code AWS_LAMBDA_FUNCTION_NAME}: the template cannot name a function in its own environment).
     */
    static List<String> functionsOf(Map<String, String> environment) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : environment.getOrDefault(PRUNED_FUNCTIONS, "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        String self = environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "").strip();
        if (!names.isEmpty() && !self.isEmpty()) {
            names.add(self);
        }
        return List.copyOf(names);
    }

    /** {@code FUNCTION_VERSIONS_KEPT}, a whole number from 1; {@link StaleFunctionVersions#DEFAULT_KEPT} when unset. */
    static int keptOf(Map<String, String> environment) {
        String value = environment.getOrDefault(VERSIONS_KEPT, "").strip();
        if (value.isEmpty()) {
            return StaleFunctionVersions.DEFAULT_KEPT;
        }
        try {
            int kept = Integer.parseInt(value);
            if (kept >= 1) {
                return kept;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(VERSIONS_KEPT + " must be a whole number from 1");
    }

    /** Deletes every stale version of every function; answers how many it deleted. */
    public int prune(Consumer<String> problems) {
        int deleted = 0;
        for (String function : functions) {
            try {
                for (String version : StaleFunctionVersions.of(lambda.versions(function), lambda.aliasedVersions(function), kept)) {
                    lambda.delete(function, version);
                    deleted++;
                }
            } catch (SdkException e) {
                problems.accept("version pruning of " + function + " stopped: " + e.getClass().getSimpleName());
            }
        }
        return deleted;
    }
}
