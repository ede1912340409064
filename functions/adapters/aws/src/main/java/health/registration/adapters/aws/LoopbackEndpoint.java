package health.registration.adapters.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * An HTTPS endpoint inside the process for SnapStart priming: it listens on 127.0.0.1 only, with a throw-away
 * self-signed certificate ({@link LoopbackCertificate}), and answers every SDK request from {@link OfflineAnswers}.
 * {@link AwsClients#offline} points its clients here through the url-connection HTTP client the deployed clients use,
 * so priming runs the TLS handshake and the HTTP client of an SDK call as well as its marshalling and signing, and
 * nothing leaves the process. Every answer closes its connection, so no connection outlives priming.
 */
final class LoopbackEndpoint implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_HEAD_BYTES = 16_384;

    private final OfflineAnswers answers;
    private final LoopbackCertificate certificate;
    private final SSLServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackEndpoint(OfflineAnswers answers) throws IOException, GeneralSecurityException {
        this.answers = answers;
        this.certificate = LoopbackCertificate.create();
        this.server = (SSLServerSocket) certificate.serverContext().getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        this.acceptor = new Thread(this::serve, "priming-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static LoopbackEndpoint start(OfflineAnswers answers) throws IOException, GeneralSecurityException {
        return new LoopbackEndpoint(answers);
    }

    /** Where the clients send their requests: this endpoint's loopback address and port. */
    URI uri() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort());
    }

    /** The trust of the clients: this endpoint's certificate alone. */
    TrustManager[] trust() throws GeneralSecurityException {
        return certificate.trust();
    }

    int handshakes() {
        return handshakes.get();
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket: nothing to do about a failure.
        }
        try {
            acceptor.join(TIMEOUT_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(TIMEOUT_MILLIS);
                ((SSLSocket) accepted).startHandshake();
                handshakes.incrementAndGet();
                answer(accepted.getInputStream(), accepted.getOutputStream());
            } catch (SocketException closed) {
                // The endpoint was closed, or a client went away: the loop checks which.
            } catch (IOException | RuntimeException failed) {
                // One bad connection: serve the next.
            }
        }
    }

    private void answer(InputStream in, OutputStream out) throws IOException {
        String head = head(in);
        if (head == null) {
            return;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String path = requestLine.length >= 2 ? requestLine[1].split("\\?", 2)[0] : "/";
        String target = "";
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("x-amz-target")) {
                target = value;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = in.readNBytes(length);
        int number = requests.incrementAndGet();
        byte[] answer = answers.answer(target, path, body).getBytes(StandardCharsets.UTF_8);
        String response = "HTTP/1.1 200 OK\r\nContent-Type: "
                + (target.isEmpty() ? "application/json" : "application/x-amz-json-1.0")
                + "\r\nContent-Length: " + answer.length + "\r\nx-amzn-RequestId: offline-" + number
                + "\r\nConnection: close\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.write(answer);
        out.flush();
    }

    /** The request's head up to the blank line, or null when the client sent none. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        while (matched < end.length) {
            int next = in.read();
            if (next < 0 || head.size() >= MAX_HEAD_BYTES) {
                return null;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
