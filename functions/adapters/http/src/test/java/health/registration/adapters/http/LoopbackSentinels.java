package health.registration.adapters.http;

import com.google.common.net.InetAddresses;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counting listeners on the loopback endpoints a probe that slipped past the address checks would reach: the URL
 * rules allow only the default ports, so 443 (and 80 for the http informational URLs) on 127.0.0.1 and [::1]. Binding
 * ports below 1024 needs root, as the tests have here and in CI; when a port cannot be bound the test fails, it is
 * never skipped, because without the listener a leaked connection would go unseen.
 */
final class LoopbackSentinels implements Closeable {

    static final List<InetSocketAddress> ENDPOINTS = List.of(
            new InetSocketAddress(InetAddresses.forString("127.0.0.1"), 443),
            new InetSocketAddress(InetAddresses.forString("::1"), 443),
            new InetSocketAddress(InetAddresses.forString("127.0.0.1"), 80),
            new InetSocketAddress(InetAddresses.forString("::1"), 80));

    private final Map<InetSocketAddress, CountingListener> listeners = new LinkedHashMap<>();
    private final Map<InetSocketAddress, Integer> reported = new LinkedHashMap<>();

    private LoopbackSentinels() {}

    /** Binds every endpoint, or fails with an error that says which one and how to fix the environment. */
    static LoopbackSentinels bind() throws IOException {
        LoopbackSentinels sentinels = new LoopbackSentinels();
        for (InetSocketAddress endpoint : ENDPOINTS) {
            try {
                sentinels.listeners.put(endpoint, new CountingListener(endpoint.getAddress(), endpoint.getPort()));
                sentinels.reported.put(endpoint, 0);
            } catch (IOException bindFailed) {
                sentinels.close();
                throw new AssertionError("cannot listen on " + endpoint + " (" + bindFailed + "): the SSRF tests"
                        + " must watch the loopback ports a leaked probe would reach. Run them as root (as CI does)"
                        + " or with CAP_NET_BIND_SERVICE, with IPv6 loopback up and nothing else on the port.",
                        bindFailed);
            }
        }
        return sentinels;
    }

    /** The endpoints that accepted a connection since the last call (each connection is reported once). */
    List<InetSocketAddress> newConnections() throws IOException {
        List<InetSocketAddress> connected = new ArrayList<>();
        for (Map.Entry<InetSocketAddress, CountingListener> entry : listeners.entrySet()) {
            int accepted = entry.getValue().accepted();
            for (int i = reported.get(entry.getKey()); i < accepted; i++) {
                connected.add(entry.getKey());
            }
            reported.put(entry.getKey(), accepted);
        }
        return connected;
    }

    @Override
    public void close() throws IOException {
        for (CountingListener listener : listeners.values()) {
            listener.close();
        }
    }
}
