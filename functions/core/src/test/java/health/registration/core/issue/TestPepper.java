package health.registration.core.issue;


/** A fixed pepper for tests of idempotent registration; the real one is a generated Secrets Manager secret. */
public final class TestPepper {

    public static final IdempotencyPepper PEPPER = IdempotencyPepper.parse("a test pepper of at least 32 characters");

    private TestPepper() {}

    /** The sealing under {@link #PEPPER}. */
    public static SealedAnswer sealing() {
        return new SealedAnswer(() -> PEPPER);
    }

    /** The store with the sealing under {@link #PEPPER}. */
    public static IdempotencyPorts ports(IdempotencyStore store) {
        return new IdempotencyPorts(store, sealing());
    }
}
