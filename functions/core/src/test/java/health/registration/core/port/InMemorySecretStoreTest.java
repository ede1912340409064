package health.registration.core.port;

import health.registration.core.issue.SecretStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import org.junit.jupiter.api.Test;

/** The in-memory store keeps the SecretStore contract. */
class InMemorySecretStoreTest {

    private static final ClientId ID = SequentialIdSource.clientId(1);
    private static final ClientSecret SECRET = new ClientSecret("secret-one");

    private final InMemorySecretStore store = new InMemorySecretStore();

    @Test
    void returnsTheSameArnWhenTheSameSecretIsStoredAgain() {
        String arn = store.create(ID, SECRET);

        assertThat(store.create(ID, new ClientSecret("secret-one"))).isEqualTo(arn);
        assertThat(arn).startsWith(InMemorySecretStore.ARN_PREFIX).contains(ID.value());
        assertThat(store.read(ID)).contains(SECRET);
        assertThat(store.size()).isOne();
    }

    @Test
    void refusesAnotherSecretForTheSameClient() {
        store.create(ID, SECRET);

        assertThatThrownBy(() -> store.create(ID, new ClientSecret("secret-two"))).isInstanceOf(WriteConflict.class);
        assertThat(store.read(ID)).contains(SECRET);
    }

    @Test
    void hidesAScheduledSecretAndRecordsTheScheduleOnce() {
        store.create(ID, SECRET);

        store.scheduleDeletion(ID);
        store.scheduleDeletion(ID);
        store.scheduleDeletion(SequentialIdSource.clientId(2));

        assertThat(store.read(ID)).isEmpty();
        assertThat(store.scheduled()).containsExactly(ID);
        assertThat(store.scheduledDeletions()).containsExactly(ID);
        assertThat(store.secrets()).isEmpty();
        assertThat(store.arnOf(ID)).isPresent();
        assertThatThrownBy(() -> store.create(ID, SECRET)).as("the name is still taken").isInstanceOf(WriteConflict.class);
    }

    @Test
    void destroysAtOnceAndDoesNothingWhenThereIsNoSecret() {
        store.create(ID, SECRET);

        store.destroy(ID);
        store.destroy(ID);

        assertThat(store.read(ID)).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.destroyed()).containsExactly(ID);
        assertThat(store.create(ID, new ClientSecret("secret-two"))).as("the name is free again").isNotEmpty();
    }
}
