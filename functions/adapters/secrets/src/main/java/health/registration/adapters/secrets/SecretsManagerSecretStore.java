package health.registration.adapters.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import health.registration.core.port.SecretStore;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * {@link SecretStore} on AWS Secrets Manager: one secret per client, named {@code prefix + client_id}, tagged
 * {@code client_id}, encrypted with the service's key when one is given. Creating is safe to retry: the request token
 * is derived from the client id, and a secret that exists already with the same value is the retry's own. Secrets
 * Manager answers {@code InvalidRequestException} for a secret scheduled for deletion, which counts as having none.
 * Secret values never appear in an exception message or a log line; every SDK failure is a {@link StoreUnavailable}.
 */
public final class SecretsManagerSecretStore implements SecretStore {

    /** The tag naming the client a secret belongs to, so that a secret can be traced to its client without its name. */
    public static final String CLIENT_ID_TAG = "client_id";

    /** Days a deleted client's secret can be restored; 7 is the least Secrets Manager allows. */
    static final long RECOVERY_WINDOW_DAYS = 7;

    private final SecretsManagerClient secrets;
    private final String namePrefix;
    private final Optional<String> kmsKeyId;

    /**
     * @param secrets    from {@code AwsClients.secretsManager()}
     * @param namePrefix {@code SECRET_PREFIX}, e.g. {@code fhir-registration/clients/}
     * @param kmsKeyId   {@code SECRETS_KMS_KEY_ID}; empty for the account's default key
     */
    public SecretsManagerSecretStore(SecretsManagerClient secrets, String namePrefix, Optional<String> kmsKeyId) {
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
        CreateSecretRequest.Builder request = CreateSecretRequest.builder()
                .name(nameOf(clientId))
                .secretString(secret.value())
                .clientRequestToken(requestToken(clientId))
                .tags(Tag.builder().key(CLIENT_ID_TAG).value(clientId.value()).build());
        kmsKeyId.ifPresent(request::kmsKeyId);
        try {
            return secrets.createSecret(request.build()).arn();
        } catch (ResourceExistsException exists) {
            return arnIfSameSecret(clientId, secret);
        } catch (InvalidRequestException scheduledForDeletion) {
            throw new WriteConflict("the client's secret is scheduled for deletion");
        } catch (SdkException e) {
            throw unavailable("CreateSecret", e);
        }
    }

    /** The ARN of the existing secret when it holds this value (a retry); otherwise a conflict. */
    private String arnIfSameSecret(ClientId clientId, ClientSecret secret) {
        GetSecretValueResponse existing;
        try {
            existing = secrets.getSecretValue(r -> r.secretId(nameOf(clientId)));
        } catch (ResourceNotFoundException | InvalidRequestException goneOrBeingDeleted) {
            throw new WriteConflict("the client's secret is deleted or scheduled for deletion");
        } catch (SdkException e) {
            throw unavailable("GetSecretValue", e);
        }
        if (existing.secretString() != null && MessageDigest.isEqual(existing.secretString().getBytes(UTF_8),
                secret.value().getBytes(UTF_8))) {
            return existing.arn();
        }
        throw new WriteConflict("the client already has another secret");
    }

    @Override
    public Optional<ClientSecret> read(ClientId clientId) {
        try {
            GetSecretValueResponse response = secrets.getSecretValue(r -> r.secretId(nameOf(clientId)));
            return Optional.ofNullable(response.secretString()).map(ClientSecret::new);
        } catch (ResourceNotFoundException | InvalidRequestException noneOrScheduledForDeletion) {
            return Optional.empty();
        } catch (SdkException e) {
            throw unavailable("GetSecretValue", e);
        }
    }

    @Override
    public void scheduleDeletion(ClientId clientId) {
        try {
            secrets.deleteSecret(r -> r.secretId(nameOf(clientId)).recoveryWindowInDays(RECOVERY_WINDOW_DAYS));
        } catch (ResourceNotFoundException | InvalidRequestException noneOrScheduledAlready) {
            // Nothing to schedule: the secret never existed, or an earlier attempt scheduled it.
        } catch (SdkException e) {
            throw unavailable("DeleteSecret", e);
        }
    }

    @Override
    public void destroy(ClientId clientId) {
        try {
            secrets.deleteSecret(r -> r.secretId(nameOf(clientId)).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException | InvalidRequestException noneOrDeletedAlready) {
            // Nothing to destroy: the secret never existed, or is deleted or scheduled for deletion already.
        } catch (SdkException e) {
            throw unavailable("DeleteSecret", e);
        }
    }

    /** The same token for every attempt to create this client's secret, so that Secrets Manager sees a retry. */
    static String requestToken(ClientId clientId) {
        return UUID.nameUUIDFromBytes(("client secret of " + clientId.value()).getBytes(UTF_8)).toString();
    }

    private StoreUnavailable unavailable(String operation, SdkException cause) {
        return new StoreUnavailable("Secrets Manager did not answer " + operation, cause);
    }
}
