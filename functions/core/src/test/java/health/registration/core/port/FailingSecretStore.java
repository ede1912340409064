package health.registration.core.port;

import health.registration.core.issue.SecretStore;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientSecret;
import java.util.Optional;

/** A secret store that fails chosen calls as {@link FaultPlan} says, and otherwise passes them on. */
public final class FailingSecretStore implements SecretStore {

    public enum Operation { CREATE, READ, SCHEDULE_DELETION, DESTROY }

    private final SecretStore delegate;
    private final FaultPlan<Operation> plan = new FaultPlan<>(Operation.class);

    public FailingSecretStore(SecretStore delegate) {
        this.delegate = delegate;
    }

    /** The nth call of the operation throws {@link StoreUnavailable} without reaching the store. */
    public FailingSecretStore failOn(Operation operation, int nthCall) {
        plan.fail(operation, nthCall, FaultPlan.Timing.BEFORE);
        return this;
    }

    /** The nth call of the operation is applied, then throws {@link StoreUnavailable} (a timeout after the write). */
    public FailingSecretStore failAfterApplying(Operation operation, int nthCall) {
        plan.fail(operation, nthCall, FaultPlan.Timing.AFTER);
        return this;
    }

    /** Runs {@code meanwhile} just before the nth call of the operation, as a concurrent writer would. */
    public FailingSecretStore interfereBefore(Operation operation, int nthCall, Runnable meanwhile) {
        plan.interfere(operation, nthCall, meanwhile);
        return this;
    }

    public int calls(Operation operation) {
        return plan.calls(operation);
    }

    @Override
    public String create(ClientId clientId, ClientSecret secret) {
        return plan.call(Operation.CREATE, () -> delegate.create(clientId, secret));
    }

    @Override
    public Optional<ClientSecret> read(ClientId clientId) {
        return plan.call(Operation.READ, () -> delegate.read(clientId));
    }

    @Override
    public void scheduleDeletion(ClientId clientId) {
        plan.run(Operation.SCHEDULE_DELETION, () -> delegate.scheduleDeletion(clientId));
    }

    @Override
    public void destroy(ClientId clientId) {
        plan.run(Operation.DESTROY, () -> delegate.destroy(clientId));
    }
}
