package health.registration.core.issue;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Identifiers and credentials from {@link SecureRandom}. The generator is created on first use, never at class
 * initialisation, so a SnapStart snapshot holds no seeded state to share between restored instances.
 */
public final class SecureRandomIdSource implements IdSource {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private volatile SecureRandom random;

    @Override
    public ClientId newClientId() {
        return new ClientId(randomText(16));
    }

    @Override
    public ClientSecret newClientSecret() {
        return new ClientSecret(randomText(32));
    }

    @Override
    public RegistrationAccessToken newRegistrationAccessToken() {
        return new RegistrationAccessToken(randomText(32));
    }

    private String randomText(int bytes) {
        SecureRandom source = random;
        if (source == null) {
            synchronized (this) {
                if (random == null) {
                    random = new SecureRandom();
                }
                source = random;
            }
        }
        byte[] value = new byte[bytes];
        source.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }
}
