package health.registration.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * One warm Lambda container of a function: the handler is built on first use through its public no-argument
 * constructor and then reused. Invocations are taken one at a time, because a Lambda container never runs two at
 * once and handlers may rely on that.
 */
public final class FunctionContainer {

    private final FunctionDefinition function;
    private final ClassLoader classLoader;
    private RequestStreamHandler handler;

    public FunctionContainer(FunctionDefinition function, ClassLoader classLoader) {
        this.function = function;
        this.classLoader = classLoader;
    }

    public FunctionDefinition function() {
        return function;
    }

    /**
     * Runs the handler on one event and returns what it wrote.
     *
     * @throws Exception whatever building or running the handler threw; API Gateway would answer 502
     */
    public synchronized byte[] invoke(byte[] event, Context context) throws Exception {
        RequestStreamHandler warm = handler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        warm.handleRequest(new ByteArrayInputStream(event), output, context);
        return output.toByteArray();
    }

    /** A failed start is not kept: like Lambda, the next invocation tries a fresh container. */
    private RequestStreamHandler handler() throws Exception {
        if (handler == null) {
            handler = instantiate();
        }
        return handler;
    }

    private RequestStreamHandler instantiate() throws Exception {
        if (!"handleRequest".equals(function.handlerMethod())) {
            throw new IOException(function.logicalId() + ": the local API calls only RequestStreamHandler.handleRequest, not "
                    + function.handler());
        }
        Class<?> type = Class.forName(function.handlerClass(), true, classLoader);
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IOException(function.logicalId() + ": " + type.getName() + " does not implement RequestStreamHandler");
        }
        try {
            return (RequestStreamHandler) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            // The constructor's own failure (say, missing configuration) says more than the reflective wrapper.
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
