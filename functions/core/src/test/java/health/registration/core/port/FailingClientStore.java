package health.registration.core.port;

import health.registration.core.issue.ClientStore;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A client store that fails chosen calls as {@link FaultPlan} says, and otherwise passes them on. */
public final class FailingClientStore implements ClientStore {

    public enum Operation { CREATE, FIND, REPLACE, DELETE, DUE }

    private final ClientStore delegate;
    private final FaultPlan<Operation> plan = new FaultPlan<>(Operation.class);

    public FailingClientStore(ClientStore delegate) {
        this.delegate = delegate;
    }

    /** The nth call of the operation throws {@link StoreUnavailable} without reaching the store. */
    public FailingClientStore failOn(Operation operation, int nthCall) {
        plan.fail(operation, nthCall, FaultPlan.Timing.BEFORE);
        return this;
    }

    /** The nth call of the operation is applied, then throws {@link StoreUnavailable} (a timeout after the write). */
    public FailingClientStore failAfterApplying(Operation operation, int nthCall) {
        plan.fail(operation, nthCall, FaultPlan.Timing.AFTER);
        return this;
    }

    /** Runs {@code meanwhile} just before the nth call of the operation, as a concurrent writer would. */
    public FailingClientStore interfereBefore(Operation operation, int nthCall, Runnable meanwhile) {
        plan.interfere(operation, nthCall, meanwhile);
        return this;
    }

    public int calls(Operation operation) {
        return plan.calls(operation);
    }

    @Override
    public void create(ClientRecord record) {
        plan.run(Operation.CREATE, () -> delegate.create(record));
    }

    @Override
    public Optional<ClientRecord> find(ClientId clientId) {
        return plan.call(Operation.FIND, () -> delegate.find(clientId));
    }

    @Override
    public void replace(ClientRecord replacement) {
        plan.run(Operation.REPLACE, () -> delegate.replace(replacement));
    }

    @Override
    public void delete(ClientId clientId, long expectedVersion) {
        plan.run(Operation.DELETE, () -> delegate.delete(clientId, expectedVersion));
    }

    @Override
    public List<ClientRecord> due(ClientStatus status, Instant dueBy, int limit) {
        return plan.call(Operation.DUE, () -> delegate.due(status, dueBy, limit));
    }

    @Override
    public DuePage duePage(ClientStatus status, Instant dueBy, int limit, String cursor) {
        return plan.call(Operation.DUE, () -> delegate.duePage(status, dueBy, limit, cursor));
    }
}
