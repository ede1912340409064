package health.registration.adapters.secrets;

import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.aws.ServiceError;
import health.registration.core.port.StoreUnavailable;
import software.amazon.awssdk.core.exception.SdkException;

/** Configuration kept as a text secret (UDAP trust anchors, the server's UDAP key and certificate), read at start. */
public final class SecretsManagerText {

    private SecretsManagerText() {}

    /** The secret's current text. @throws StoreUnavailable when it cannot be read (its value never in the message) */
    public static String read(SecretsManagerRequests secrets, String name) {
        try {
            return secrets.secretString(name).orElseThrow(() ->
                    new StoreUnavailable("the configuration secret holds no text", null));
        } catch (SdkException e) {
            String why = e instanceof ServiceError refused && !refused.errorType().isEmpty() ? refused.errorType()
                    : e.getClass().getSimpleName();
            throw new StoreUnavailable("GetSecretValue of a configuration secret failed: " + why, null);
        }
    }
}
