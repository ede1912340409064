package health.registration.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The sample events of the repository's {@code events/} folder (the files {@code sam local invoke} takes), and API
 * Gateway REST proxy events built from them with another body or headers.
 */
public final class SampleEvents {

    /** The client id the RFC 7592 sample events ({@code manage-*.json}) name. */
    public static final String SAMPLE_CLIENT_ID = "kq3F8xUjT1aW0zR5bN7mLg";
    /** The registration access token the RFC 7592 sample events carry. */
    public static final String SAMPLE_TOKEN = "rG7mX2pQ9vLk4sT8wZ1nB6cY3hJ5fD0aE2uI7oP9qWx";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {}

    /** The {@code events/} folder, found from the working directory (a module folder or the repository root). */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("infrastructure/template.yaml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ folder above " + Path.of("").toAbsolutePath());
    }

    /** The event files whose names start with a prefix, e.g. {@code validate-}. */
    public static Stream<Path> files(String prefix) {
        try {
            return Files.list(folder()).filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of a sample event with another body and the given headers set (single and multi-value maps alike). */
    public static ObjectNode withBody(ObjectNode event, String body, Map<String, String> headers) {
        ObjectNode copy = event.deepCopy();
        if (body == null) {
            copy.putNull("body");
        } else {
            copy.put("body", body);
        }
        headers.forEach((name, value) -> {
            ObjectNode single = (ObjectNode) copy.get("headers");
            ObjectNode multi = (ObjectNode) copy.get("multiValueHeaders");
            single.remove(name);
            multi.remove(name);
            if (value != null) {
                single.put(name, value);
                multi.putArray(name).add(value);
            }
        });
        return copy;
    }

    /** A copy of an RFC 7592 sample event for a real client: its id in path, parameters and body, its token. */
    public static ObjectNode forClient(ObjectNode event, String clientId, String token) {
        try {
            String text = JSON.writeValueAsString(event).replace(SAMPLE_CLIENT_ID, clientId).replace(SAMPLE_TOKEN, token);
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
