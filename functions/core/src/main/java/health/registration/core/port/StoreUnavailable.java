package health.registration.core.port;

/**
 * A store could not be reached or answered with an error (throttling, timeout, outage). Adapters translate their
 * SDK's exceptions into this, so no AWS type leaves the adapters; handlers answer 5xx and log the cause once.
 */
public class StoreUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
