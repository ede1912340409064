package health.registration.local;

import health.registration.edge.Settings;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * Creates the secret the template generates for the functions, the Idempotency-Key pepper
 * ({@code IDEMPOTENCY_PEPPER_SECRET}), in the local emulator before the API serves, as {@code GenerateSecretString}
 * does in AWS: 64 random characters. Only in an emulator on a loopback address, as {@link EmulatorTables}; a secret
 * that exists already is left as it is, so a restarted API keeps its pepper and the answers sealed under it.
 */
public final class EmulatorSecrets {

    private static final int PEPPER_BYTES = 48;

    private EmulatorSecrets() {}

    /** The runner's start-up step, after the tables; its value is never logged. */
    public static void prepare(Map<String, String> environment, PrintStream log) {
        String name = environment.getOrDefault(Settings.IDEMPOTENCY_PEPPER_SECRET, "").strip();
        Optional<URI> loopback = EmulatorTables.loopbackEndpoint(environment.getOrDefault(EmulatorTables.ENDPOINT, ""));
        if (name.isEmpty() || loopback.isEmpty()) {
            log.println("local-api: no Idempotency-Key pepper was created (" + Settings.IDEMPOTENCY_PEPPER_SECRET
                    + " or a loopback " + EmulatorTables.ENDPOINT + " is unset)");
            return;
        }
        try (SecretsManagerClient secrets = client(loopback.get(), environment)) {
            byte[] pepper = new byte[PEPPER_BYTES];
            new SecureRandom().nextBytes(pepper);
            secrets.createSecret(r -> r.name(name).secretString(Base64.getUrlEncoder().withoutPadding().encodeToString(pepper)));
            log.println("local-api: secret " + name + " (" + Settings.IDEMPOTENCY_PEPPER_SECRET + ") created");
        } catch (ResourceExistsException exists) {
            log.println("local-api: secret " + name + " (" + Settings.IDEMPOTENCY_PEPPER_SECRET + ") already existed;"
                    + " left as it is");
        }
    }

    private static SecretsManagerClient client(URI endpoint, Map<String, String> environment) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint);
        String region = environment.get(EmulatorTables.REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.strip()));
        }
        return builder.build();
    }
}
