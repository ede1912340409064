package health.registration.adapters.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.adapters.aws.AwsClients;
import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.testkit.DeadEndpoint;
import health.registration.testkit.AwsEmulator;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** {@link SecretsManagerSecretStore} against moto, under a secret name prefix of its own, removed afterwards. */
class SecretsManagerSecretStoreIT {

    private static final SecureRandomIdSource IDS = new SecureRandomIdSource();
    private static final String PREFIX = "secret-store-it/" + UUID.randomUUID() + "/";

    private static final StaticCredentialsProvider TESTING =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private static SecretsManagerClient secrets;
    private static SecretsManagerSecretStore store;

    @BeforeAll
    static void requireEmulator() {
        // The SDK's own client reads what the store's requests left in the emulator.
        secrets = AwsEmulator.require(SecretsManagerClient.builder().endpointOverride(AwsEmulator.endpoint())
                .region(AwsEmulator.region()).httpClient(UrlConnectionHttpClient.create()).build());
        store = new SecretsManagerSecretStore(AwsClients.secretsManager(), PREFIX, Optional.empty());
    }

    @AfterAll
    static void deleteEverySecretUnderThePrefix() {
        List<SecretListEntry> created = secrets.listSecretsPaginator(r -> r.includePlannedDeletion(true)
                .filters(f -> f.key(FilterNameStringType.NAME).values(PREFIX))).stream().flatMap(page -> page.secretList().stream()).toList();
        created.forEach(s -> secrets.deleteSecret(r -> r.secretId(s.arn()).forceDeleteWithoutRecovery(true)));
    }

    @Test
    void createdSecretIsReadBackAndLivesWhereTheArnSays() {
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();

        String arn = store.create(id, secret);

        assertThat(store.read(id)).contains(secret);
        DescribeSecretResponse described = describe(id);
        assertThat(described.arn()).isEqualTo(arn);
        assertThat(described.name()).isEqualTo(PREFIX + id.value()).isEqualTo(store.nameOf(id));
    }

    @Test
    void createdSecretIsTaggedWithItsClientId() {
        ClientId id = IDS.newClientId();
        store.create(id, IDS.newClientSecret());

        assertThat(describe(id).tags()).containsExactly(Tag.builder().key("client_id").value(id.value()).build());
    }

    @Test
    void creatingTheSameSecretAgainIsARetryWithTheSameArn() {
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();
        String arn = store.create(id, secret);

        assertThat(store.create(id, new ClientSecret(secret.value()))).isEqualTo(arn);
        assertThat(store.read(id)).contains(secret);
    }

    @Test
    void secretLeftUnderAnotherRequestTokenConflictsEvenWithTheSameValue() {
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();
        // Not made by this store: only Secrets Manager's own token comparison decides, the store never reads it back.
        secrets.createSecret(r -> r.name(store.nameOf(id)).secretString(secret.value())
                .clientRequestToken(UUID.randomUUID().toString()));

        assertThatThrownBy(() -> store.create(id, secret)).isInstanceOf(WriteConflict.class);
    }

    @Test
    void creatingAndRetryingNeverReadsASecret() {
        List<String> operations = new CopyOnWriteArrayList<>();
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            // Every request's operation (its X-Amz-Target), recorded on its way to the emulator.
            SdkHttpClient recorder = new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    operations.add(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("?"));
                    return http.prepareRequest(request);
                }

                @Override
                public void close() {}
            };
            SecretsManagerSecretStore registering = new SecretsManagerSecretStore(new SecretsManagerRequests(recorder,
                    AwsEmulator.endpoint(), AwsEmulator.region(), TESTING), PREFIX, Optional.empty());
            ClientId id = IDS.newClientId();
            ClientSecret secret = IDS.newClientSecret();

            String arn = registering.create(id, secret);
            String retried = registering.create(id, secret);
            assertThatThrownBy(() -> registering.create(id, IDS.newClientSecret())).isInstanceOf(WriteConflict.class);

            assertThat(retried).isEqualTo(arn);
            assertThat(operations).containsOnly("secretsmanager.CreateSecret").hasSize(3);
        }
    }

    @Test
    void theRequestTokenIsTheSameForARetryAndDiffersForAnotherValueOrClient() {
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();
        String token = SecretsManagerSecretStore.requestToken(id, secret);

        assertThat(SecretsManagerSecretStore.requestToken(id, new ClientSecret(secret.value()))).isEqualTo(token);
        assertThat(SecretsManagerSecretStore.requestToken(id, IDS.newClientSecret())).isNotEqualTo(token);
        assertThat(SecretsManagerSecretStore.requestToken(IDS.newClientId(), secret)).isNotEqualTo(token);
        assertThat(UUID.fromString(token).version()).isEqualTo(8);
        assertThat(token).doesNotContain(secret.value()).hasSize(36);
    }

    @Test
    void creatingASecretForAClientWhoseSecretIsScheduledForDeletionConflicts() {
        ClientId id = IDS.newClientId();
        store.create(id, IDS.newClientSecret());
        store.scheduleDeletion(id);
        ClientSecret another = IDS.newClientSecret();

        assertThatThrownBy(() -> store.create(id, another)).isInstanceOf(WriteConflict.class)
                .message().doesNotContain(another.value());
    }

    @Test
    void creatingAnotherSecretForTheClientConflictsWithoutNamingEither() {
        ClientId id = IDS.newClientId();
        ClientSecret first = IDS.newClientSecret();
        ClientSecret second = IDS.newClientSecret();
        store.create(id, first);

        assertThatThrownBy(() -> store.create(id, second)).isInstanceOf(WriteConflict.class)
                .message().doesNotContain(first.value(), second.value());
        assertThat(store.read(id)).contains(first);
    }

    @Test
    void unknownClientHasNoSecret() {
        assertThat(store.read(IDS.newClientId())).isEmpty();
    }

    @Test
    void scheduledDeletionHidesTheSecretKeepsItRecoverableAndCanBeRepeated() {
        ClientId id = IDS.newClientId();
        store.create(id, IDS.newClientSecret());

        store.scheduleDeletion(id);
        store.scheduleDeletion(id);
        store.scheduleDeletion(IDS.newClientId());

        assertThat(store.read(id)).isEmpty();
        assertThat(describe(id).deletedDate()).as("scheduled, not yet deleted").isNotNull();
    }

    @Test
    void destroyedSecretIsGoneAtOnceAndDestroyingCanBeRepeated() {
        ClientId id = IDS.newClientId();
        store.create(id, IDS.newClientSecret());

        store.destroy(id);
        store.destroy(id);
        store.destroy(IDS.newClientId());

        assertThat(store.read(id)).isEmpty();
        assertThatThrownBy(() -> describe(id)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void destroyingASecretScheduledForDeletionIsANoOp() {
        ClientId id = IDS.newClientId();
        store.create(id, IDS.newClientSecret());
        store.scheduleDeletion(id);

        store.destroy(id);

        assertThat(store.read(id)).isEmpty();
    }

    @Test
    void secretIsEncryptedWithTheKeyGiven() {
        String key = "alias/secret-store-it";
        SecretsManagerSecretStore withKey = new SecretsManagerSecretStore(AwsClients.secretsManager(), PREFIX, Optional.of(key));
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();

        withKey.create(id, secret);

        assertThat(describe(id).kmsKeyId()).isEqualTo(key);
        assertThat(withKey.read(id)).contains(secret);
    }

    @Test
    void everyOperationIsUnavailableWhenSecretsManagerCannotBeReachedAndNamesNoSecret() {
        ClientId id = IDS.newClientId();
        ClientSecret secret = IDS.newClientSecret();
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            SecretsManagerSecretStore unreachable = new SecretsManagerSecretStore(
                    new SecretsManagerRequests(http, DeadEndpoint.uri(), Region.US_EAST_1, TESTING), PREFIX, Optional.empty());
            List<ThrowingCallable> operations = List.of(() -> unreachable.create(id, secret), () -> unreachable.read(id),
                    () -> unreachable.scheduleDeletion(id), () -> unreachable.destroy(id));
            for (ThrowingCallable operation : operations) {
                assertThatThrownBy(operation).isInstanceOf(StoreUnavailable.class)
                        .hasMessageStartingWith("Secrets Manager did not answer")
                        .message().doesNotContain(secret.value());
            }
        }
    }

    private static DescribeSecretResponse describe(ClientId id) {
        return secrets.describeSecret(r -> r.secretId(PREFIX + id.value()));
    }
}
