package health.registration.adapters.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;

import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.aws.ServiceError;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.SecretStore;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@link SecretStore} on AWS Secrets Manager: one secret per client, named {@code prefix + client_id}, tagged
 * {@code client_id}, encrypted with the service's key when one is given. Creating is safe to retry without ever reading
 * a secret back (the registering function may not): the request token is derived from the client id and a digest of
 * the value, so Secrets Manager answers a retry with the same value with the same secret, and any other value for an
 * existing name with {@code ResourceExistsException}. Secrets Manager answers {@code InvalidRequestException} for a
 * secret scheduled for deletion, which counts as having none. Secret values never appear in an exception message or a
 * log line; every other failure is a {@link StoreUnavailable}. The calls go out as {@link SecretsManagerRequests}, without
 * the SDK's Secrets Manager client (docs/performance-packages.md).
 */
public final class SecretsManagerSecretStore implements SecretStore {

    /** The tag naming the client a secret belongs to, so that a secret can be traced to its client without its name. */
    public static final String CLIENT_ID_TAG = "client_id";

    // Secrets Manager's error types (Secrets Manager API reference, "Errors" of each operation).
    static final String RESOURCE_EXISTS = "ResourceExistsException";
    static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    static final String INVALID_REQUEST = "InvalidRequestException";

    /** Days a deleted client's secret can be restored; 7 is the least Secrets Manager allows. */
    static final long RECOVERY_WINDOW_DAYS = 7;

    private final SecretsManagerRequests secrets;
    private final String namePrefix;
    private final Optional<String> kmsKeyId;

    /**
     * @param secrets    from {@code SecretsManagerRequests.shared()}
     * @param namePrefix {@code SECRET_PREFIX}, e.g. {@code fhir-registration/clients/}
     * @param kmsKeyId   {@code SECRETS_KMS_KEY_ID}; empty for the account's default key
     */
    public SecretsManagerSecretStore(SecretsManagerRequests secrets, String namePrefix, Optional<String> kmsKeyId) {
        this.secrets = Objects.requireNonNull(secrets);
        this.namePrefix = Objects.requireNonNull(namePrefix);
        this.kmsKeyId = Objects.requireNonNull(kmsKeyId);
    }

    /** The secret's name: the prefix, then the client id. */
    public String nameOf(ClientId clientId) {
        return namePrefix + clientId.value();
    }

    @Override
    public String create(ClientId clientId, ClientSecret secret) {
        try {
            return secrets.createSecret(nameOf(clientId), secret.value(), requestToken(clientId, secret),
                    Map.of(CLIENT_ID_TAG, clientId.value()), kmsKeyId);
        } catch (ServiceError refused) {
            throw switch (refused.errorType()) {
                case RESOURCE_EXISTS -> new WriteConflict("the client already has another secret");
                case INVALID_REQUEST -> new WriteConflict("the client's secret is scheduled for deletion");
                default -> unavailable("CreateSecret", refused);
            };
        } catch (SdkException e) {
            throw unavailable("CreateSecret", e);
        }
    }

    @Override
    public Optional<ClientSecret> read(ClientId clientId) {
        try {
            return secrets.secretString(nameOf(clientId)).map(ClientSecret::new);
        } catch (ServiceError refused) {
            if (noneOrScheduledForDeletion(refused)) {
                return Optional.empty();
            }
            throw unavailable("GetSecretValue", refused);
        } catch (SdkException e) {
            throw unavailable("GetSecretValue", e);
        }
    }

    @Override
    public void scheduleDeletion(ClientId clientId) {
        try {
            secrets.scheduleDeletion(nameOf(clientId), RECOVERY_WINDOW_DAYS);
        } catch (ServiceError refused) {
            // Nothing to schedule when the secret never existed, or an earlier attempt scheduled it.
            if (!noneOrScheduledForDeletion(refused)) {
                throw unavailable("DeleteSecret", refused);
            }
        } catch (SdkException e) {
            throw unavailable("DeleteSecret", e);
        }
    }

    @Override
    public void destroy(ClientId clientId) {
        try {
            secrets.deleteWithoutRecovery(nameOf(clientId));
        } catch (ServiceError refused) {
            // Nothing to destroy when the secret never existed, or is deleted or scheduled for deletion already.
            if (!noneOrScheduledForDeletion(refused)) {
                throw unavailable("DeleteSecret", refused);
            }
        } catch (SdkException e) {
            throw unavailable("DeleteSecret", e);
        }
    }

    /**
     * The same token for every attempt to store this value for this client, and another for any other value: the
     * token is the secret version's id, and Secrets Manager ignores a CreateSecret whose token and value match an
     * existing version (CreateSecret, ClientRequestToken). A one-way digest of a 256-bit random secret reveals nothing
     * of it to a reader of the version ids.
     */
    static String requestToken(ClientId clientId, ClientSecret secret) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha256.update(("client secret of " + clientId.value() + "\n").getBytes(UTF_8));
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest(secret.value().getBytes(UTF_8)));
        // A name-based (version 8) UUID of the digest's first 128 bits: 36 characters, within the token's 32 to 64.
        long high = (digest.getLong() & ~0xF000L) | 0x8000L;
        long low = (digest.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** Secrets Manager's answer for a secret that does not exist, or is scheduled for deletion. */
    private static boolean noneOrScheduledForDeletion(ServiceError refused) {
        return refused.errorType().equals(RESOURCE_NOT_FOUND) || refused.errorType().equals(INVALID_REQUEST);
    }

    private StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("Secrets Manager did not answer " + operation, cause);
    }
}
