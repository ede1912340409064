package health.registration.local;

/** A handler's output that API Gateway would refuse as a Lambda proxy response (it answers 502). */
public final class MalformedProxyResponse extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedProxyResponse(String message) {
        super(message);
    }

    public MalformedProxyResponse(String message, Throwable cause) {
        super(message, cause);
    }
}
