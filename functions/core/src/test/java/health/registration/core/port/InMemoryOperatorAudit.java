package health.registration.core.port;

import health.registration.core.operator.OperatorAudit;
import health.registration.core.operator.OperatorAction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator audit trail in memory: records every action, in order, and can be told to fail as EventBridge does
 * when it cannot be reached. Thread-safe.
 */
public final class InMemoryOperatorAudit implements OperatorAudit {

    private final List<OperatorAction> recorded = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    /** Every later entry throws {@link StoreUnavailable} and records nothing, until {@link #working()}. */
    public InMemoryOperatorAudit failing() {
        failing.set(true);
        return this;
    }

    /** Entries are recorded again. */
    public InMemoryOperatorAudit working() {
        failing.set(false);
        return this;
    }

    @Override
    public void record(OperatorAction action) {
        if (failing.get()) {
            throw new StoreUnavailable("the audit bus is unavailable (injected)", null);
        }
        recorded.add(action);
    }

    /** Every action recorded, in order. */
    public List<OperatorAction> actions() {
        return List.copyOf(recorded);
    }

    /** The action recorded last. */
    public OperatorAction last() {
        return recorded.get(recorded.size() - 1);
    }
}
