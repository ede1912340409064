package health.registration.core.probe;

import java.util.Objects;

/**
 * A probe that ended without an HTTP answer, thrown by the network ports with the outcome it stands for. The
 * message is safe to show to the registrant: it never carries a stack trace or internal address.
 */
public final class ProbeFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ProbeOutcome outcome;

    public ProbeFailure(ProbeOutcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = Objects.requireNonNull(outcome);
    }

    public ProbeOutcome outcome() {
        return outcome;
    }
}
