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

    public static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
