package health.registration.adapters.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A loopback port that only counts the connections made to it, never answering. A guard bug that let a refused
 * connection through would show up here as an accepted connection.
 */
final class CountingListener implements Closeable {

    private final ServerSocketChannel channel;
    private int accepted;

    CountingListener(InetAddress loopback) throws IOException {
        this(loopback, 0);
    }

    /** On a chosen port (0 for any free one), e.g. the default HTTPS port a leaked probe would dial. */
    CountingListener(InetAddress loopback, int port) throws IOException {
        channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(loopback, port));
        } catch (IOException bindFailed) {
            channel.close();
            throw bindFailed;
        }
        channel.configureBlocking(false);
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    InetSocketAddress endpoint() {
        return new InetSocketAddress(channel.socket().getInetAddress(), port());
    }

    /**
     * The connections completed so far. A connect returns only once the handshake is done and the connection is in
     * the accept queue, so a non-blocking accept after the code under test has returned finds every one of them.
     */
    int accepted() throws IOException {
        SocketChannel connection;
        while ((connection = channel.accept()) != null) {
            connection.close();
            accepted++;
        }
        return accepted;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
