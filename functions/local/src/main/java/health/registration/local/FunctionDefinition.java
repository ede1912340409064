package health.registration.local;

/**
 * What the template says about one {@code AWS::Serverless::Function} that the local API needs to run it.
 *
 * @param logicalId      the resource's logical id, used as the function name
 * @param handlerClass   the class part of {@code Handler: pkg.Class::method}
 * @param handlerMethod  the method part; only {@code handleRequest} of a {@code RequestStreamHandler} is supported
 * @param timeoutSeconds {@code Timeout}, else {@code Globals.Function.Timeout}, else SAM's default of 3
 * @param memoryMb       {@code MemorySize}, else {@code Globals.Function.MemorySize}, else SAM's default of 128
 */
public record FunctionDefinition(String logicalId, String handlerClass, String handlerMethod, int timeoutSeconds,
                                 int memoryMb) {

    /** Splits {@code pkg.Class::method}; a handler without {@code ::} names {@code handleRequest}. */
    public static FunctionDefinition of(String logicalId, String handler, int timeoutSeconds, int memoryMb) {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        if (className.isBlank() || method.isBlank()) {
            throw new IllegalArgumentException(logicalId + " has a malformed Handler: " + handler);
        }
        return new FunctionDefinition(logicalId, className.strip(), method.strip(), timeoutSeconds, memoryMb);
    }

    /** The handler as the template writes it. */
    public String handler() {
        return handlerClass + "::" + handlerMethod;
    }
}
