package health.registration.adapters.http;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test dialer below the guard (docs/security.md, "Testing without weakening the guard" item 2): records every
 * endpoint the guard approved, sends the fake public address {@link #FAKE_PUBLIC} to loopback servers by port, lets
 * other loopback endpoints through unchanged, and refuses everything else, so a bug can never send a packet off the
 * machine.
 */
final class RecordingDialer implements Dialer {

    /** Public-looking (11.0.0.0/8 is global unicast), so the unmodified production policy permits it. */
    static final InetAddress FAKE_PUBLIC = InetAddresses.forString("11.22.33.44");

    private final List<InetSocketAddress> attempts = new CopyOnWriteArrayList<>();
    private final Map<Integer, InetSocketAddress> forwards = new ConcurrentHashMap<>();

    /** Sends {@code FAKE_PUBLIC:fakePort} to the given loopback endpoint. */
    RecordingDialer forward(int fakePort, InetSocketAddress loopback) {
        if (!loopback.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("tests forward to loopback only");
        }
        forwards.put(fakePort, loopback);
        return this;
    }

    @Override
    public InetSocketAddress route(InetSocketAddress checked) throws IOException {
        attempts.add(checked);
        InetAddress address = checked.getAddress();
        if (FAKE_PUBLIC.equals(address) && forwards.containsKey(checked.getPort())) {
            return forwards.get(checked.getPort());
        }
        if (address != null && address.isLoopbackAddress()) {
            return checked;
        }
        throw new IOException("the test dialer refuses to leave the machine");
    }

    /** Every endpoint the guard let through to the dialer, in order. */
    List<InetSocketAddress> attempts() {
        return List.copyOf(attempts);
    }
}
