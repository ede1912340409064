package health.registration.core.port;

/**
 * A conditional write found the store not in the state it required: the item exists already, or another writer
 * changed it first (optimistic locking).
 */
public class WriteConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WriteConflict(String message) {
        super(message, null, false, false);
    }
}
