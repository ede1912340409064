package health.registration.adapters.http;

import java.net.SocketException;

/**
 * Thrown by the connect-time guard instead of connecting. Its message says why (a range description from the
 * address policy) and is safe to show: it never carries the address, which may be internal.
 */
final class RefusedAddressException extends SocketException {

    private static final long serialVersionUID = 1L;

    RefusedAddressException(String reason) {
        super(reason);
    }
}
