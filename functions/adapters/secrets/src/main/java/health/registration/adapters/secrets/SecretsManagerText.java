package health.registration.adapters.secrets;

import health.registration.core.port.StoreUnavailable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Configuration kept as a text secret (UDAP trust anchors, the server's UDAP key and certificate), read at start. */
public final class SecretsManagerText {

    private SecretsManagerText() {}

    /** The secret's current text. @throws StoreUnavailable when it cannot be read (its value never in the message) */
    public static String read(SecretsManagerClient secrets, String name) {
        try {
            String text = secrets.getSecretValue(r -> r.secretId(name)).secretString();
            if (text == null) {
                throw new StoreUnavailable("the configuration secret holds no text", null);
            }
            return text;
        } catch (SdkException e) {
            throw new StoreUnavailable("GetSecretValue of a configuration secret failed: " + e.getClass().getSimpleName(), null);
        }
    }
}
