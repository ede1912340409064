package health.registration.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import org.junit.jupiter.api.Test;

/** Failure injection does what tests rely on: fail before the store or after it applied the call, on the nth call. */
class FailingSecretStoreTest {

    private static final ClientId ID = SequentialIdSource.clientId(1);
    private static final ClientSecret SECRET = new ClientSecret("secret-one");

    private final InMemorySecretStore inner = new InMemorySecretStore();
    private final FailingSecretStore store = new FailingSecretStore(inner);

    @Test
    void failsTheNthCallWithoutReachingTheStore() {
        store.failOn(FailingSecretStore.Operation.CREATE, 2);
        store.create(ID, SECRET);

        assertThatThrownBy(() -> store.create(SequentialIdSource.clientId(2), SECRET)).isInstanceOf(StoreUnavailable.class);

        assertThat(inner.size()).isOne();
        assertThat(store.calls(FailingSecretStore.Operation.CREATE)).isEqualTo(2);
        store.create(SequentialIdSource.clientId(3), SECRET);
        assertThat(inner.size()).isEqualTo(2);
    }

    @Test
    void failsAfterTheStoreAppliedTheCall() {
        store.failAfterApplying(FailingSecretStore.Operation.CREATE, 1);

        assertThatThrownBy(() -> store.create(ID, SECRET)).isInstanceOf(StoreUnavailable.class);

        assertThat(inner.read(ID)).contains(SECRET);
    }

    @Test
    void runsTheInterferenceBeforeTheCall() {
        store.interfereBefore(FailingSecretStore.Operation.READ, 1, () -> inner.create(ID, SECRET));

        assertThat(store.read(ID)).contains(SECRET);
    }
}
