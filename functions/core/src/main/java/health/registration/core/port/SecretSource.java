package health.registration.core.port;

/**
 * Port: where one secret's current text comes from (a Secrets Manager secret in AWS, a file locally). Read on first
 * use and on each refresh by {@link RefreshingSecret}, never when a function starts or is primed, so that no secret
 * is frozen into a SnapStart snapshot.
 */
@FunctionalInterface
public interface SecretSource {

    /**
     * The secret's current text.
     *
     * @throws StoreUnavailable when it cannot be read; the message names the secret or setting, never its value
     */
    String read();
}
