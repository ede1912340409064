package health.registration.core.connector;

/**
 * The authorization server could not be reached, refused the administrator's credentials, or answered a change with
 * an error. Adapters translate their transport's failures into this; its message names the operation and the HTTP
 * status, never a secret.
 */
public class AuthorizationServerUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthorizationServerUnavailable(String message) {
        super(message);
    }

    public AuthorizationServerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
