package health.registration.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Public Suffix List (publicsuffix.org; its rules: an exact suffix, {@code *.} for every child of a suffix,
 * {@code !} for an exception to a wildcard), in its ICANN and private sections, read from
 * {@code public-suffix-list.txt} beside this class: Guava's copy of the list, written out by
 * {@code PublicSuffixListTest}, so that the names it accepts are the ones Guava's {@code InternetDomainName} accepts
 * without the package carrying Guava's collections (docs/performance-packages.md).
 * <p>A name's public suffix is found as Guava finds it: walking its labels from the right as long as each suffix
 * is a node of the list, the last rule that matches wins, an exception before an exact rule before a wildcard.
 */
final class PublicSuffixList {

    /** The section of the list a rule is in. */
    enum Section { ICANN, PRIVATE }

    /** What the list says of one suffix; every suffix of a rule is a node, most of them saying nothing. */
    private record Node(Section exact, Section wildcard, boolean exception) {

        static final Node NONE = new Node(null, null, false);

        Node with(Section section, String rule) {
            if (rule.startsWith("!")) {
                return new Node(exact, wildcard, true);
            }
            return rule.startsWith("*.") ? new Node(exact, section, exception) : new Node(section, wildcard, exception);
        }
    }

    static final String RESOURCE = "public-suffix-list.txt";
    static final String ICANN_SECTION = "===ICANN===";
    static final String PRIVATE_SECTION = "===PRIVATE===";

    /** The list beside this class, read once. */
    static final PublicSuffixList SHARED = fromResource();

    private final Map<String, Node> nodes;

    private PublicSuffixList(Map<String, Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * The index of the leftmost label of the name's public suffix, counting from 0 at the left; -1 when the name has
     * none. {@code section} null: a suffix of either section; else only of that one.
     */
    int suffixIndex(List<String> labels, Section section) {
        int found = -1;
        String suffix = null;
        for (int i = labels.size() - 1; i >= 0; i--) {
            suffix = suffix == null ? labels.get(i) : labels.get(i) + "." + suffix;
            Node node = nodes.get(suffix);
            if (node == null) {
                break;
            }
            if (node.exception()) {
                found = i + 1;
            }
            if (node.exact() != null && (section == null || section == node.exact())) {
                found = i;
            }
            if (i > 0 && node.wildcard() != null && (section == null || section == node.wildcard())) {
                found = i - 1;
            }
        }
        return found;
    }

    private static PublicSuffixList fromResource() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + PublicSuffixList.class.getName());
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** A list in the file's form: rules one a line, after the line naming their section; {@code //} comments. */
    static PublicSuffixList read(Reader text) throws IOException {
        Map<String, Node> nodes = new HashMap<>(32_768);
        BufferedReader lines = new BufferedReader(text);
        Section section = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            if (line.equals(ICANN_SECTION) || line.equals(PRIVATE_SECTION)) {
                section = line.equals(ICANN_SECTION) ? Section.ICANN : Section.PRIVATE;
                continue;
            }
            String suffix = line.startsWith("!") ? line.substring(1) : line.startsWith("*.") ? line.substring(2) : line;
            nodes.put(suffix, nodes.getOrDefault(suffix, Node.NONE).with(section, line));
            for (int dot = suffix.indexOf('.'); dot != -1; dot = suffix.indexOf('.', dot + 1)) {
                nodes.putIfAbsent(suffix.substring(dot + 1), Node.NONE);
            }
        }
        return new PublicSuffixList(Collections.unmodifiableMap(nodes));
    }
}
