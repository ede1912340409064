package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import health.registration.edge.Settings;
import health.registration.issuance.Probing;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * One warm Lambda container of a function: a handler instance, built once and then reused. An issuing function
 * (one with a public constructor that takes a {@link Probing}) gets the {@link InProcessProbing} engine, as there is
 * no probe function to invoke locally; any other handler is built through its public no-argument constructor, as
 * Lambda builds it. A container runs one invocation at a time, as a Lambda execution environment does;
 * its {@link FunctionPool} hands it to one request at a time.
 */
public final class FunctionContainer {

    private final RequestStreamHandler handler;

    private FunctionContainer(RequestStreamHandler handler) {
        this.handler = handler;
    }

    /**
     * Starts a container: loads the handler class and builds an instance, as a Lambda cold start does.
     *
     * @throws Exception whatever the constructor threw (not the reflective wrapper), or why the class is unusable
     */
    public static FunctionContainer start(FunctionDefinition function, ClassLoader classLoader) throws Exception {
        if (!"handleRequest".equals(function.handlerMethod())) {
            throw new IOException(function.logicalId() + ": the local API calls only RequestStreamHandler.handleRequest, not "
                    + function.handler());
        }
        Class<?> type = Class.forName(function.handlerClass(), true, classLoader);
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IOException(function.logicalId() + ": " + type.getName() + " does not implement RequestStreamHandler");
        }
        try {
            Constructor<?> probing = probingConstructor(type);
            Object handler = probing != null
                    ? probing.newInstance(InProcessProbing.of(Settings.fromEnvironment()))
                    : type.getConstructor().newInstance();
            return new FunctionContainer((RequestStreamHandler) handler);
        } catch (InvocationTargetException e) {
            // The constructor's own failure (say, missing configuration) says more than the reflective wrapper.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Constructor<?> probingConstructor(Class<?> type) {
        try {
            return type.getConstructor(Probing.class);
        } catch (NoSuchMethodException probesNothing) {
            return null;
        }
    }

    /**
     * Runs the handler on one event and returns what it wrote. Not for concurrent use: one invocation at a time.
     *
     * @throws Exception whatever the handler threw; API Gateway would answer 502
     */
    public byte[] invoke(byte[] event, Context context) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, context);
        return output.toByteArray();
    }
}
