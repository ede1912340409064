package health.registration.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * A loopback URL where nothing listens: a port that was just bound and closed again, so connecting is refused at
 * once. Tests point a client at it to see a store that cannot be reached.
 */
public final class DeadEndpoint {

    private DeadEndpoint() {}

    public static URI uri() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
