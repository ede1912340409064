package health.registration.adapters.dns;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names mapped to addresses in hosts-file format ({@code address name [alias…]}, {@code #} comments, blank lines),
 * read by the prober before DNS. It is the {@code PROBE_HOSTS_FILE} test seam (docs/security.md, "Testing without
 * weakening the guard" item 3): tests give public-suffix names such as {@code ok.example.com} chosen addresses without
 * any DNS server. Addresses are read as literals only, never resolved.
 */
public final class HostsFile {

    private final Map<String, List<InetAddress>> addressesByName;

    private HostsFile(Map<String, List<InetAddress>> addressesByName) {
        this.addressesByName = Map.copyOf(addressesByName);
    }

    /** No entries: every name goes to DNS. */
    public static HostsFile empty() {
        return new HostsFile(Map.of());
    }

    /**
     * The entries of a UTF-8 hosts file.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when a line is malformed; the message names the line number
     */
    public static HostsFile read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The entries of {@code lines} in hosts-file form; tests give them inline. */
    public static HostsFile parse(List<String> lines) {
        Map<String, Set<InetAddress>> entries = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String content = withoutComment(lines.get(index)).strip();
            if (!content.isEmpty()) {
                addLine(entries, content, index + 1);
            }
        }
        Map<String, List<InetAddress>> frozen = new LinkedHashMap<>();
        entries.forEach((name, addresses) -> frozen.put(name, List.copyOf(addresses)));
        return new HostsFile(frozen);
    }

    /** The addresses listed for the name, in file order; case and one trailing dot are ignored. */
    public Optional<List<InetAddress>> lookup(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(addressesByName.get(normalised(name)));
    }

    private static void addLine(Map<String, Set<InetAddress>> entries, String content, int lineNumber) {
        String[] fields = content.split("\\s+");
        if (fields.length < 2) {
            throw new IllegalArgumentException(
                    "hosts file line " + lineNumber + ": expected an address followed by at least one name");
        }
        InetAddress address = literal(fields[0], lineNumber);
        for (int i = 1; i < fields.length; i++) {
            entries.computeIfAbsent(normalised(fields[i]), name -> new LinkedHashSet<>()).add(address);
        }
    }

    private static InetAddress literal(String text, int lineNumber) {
        // Guava accepts only dotted-quad IPv4 and RFC 4291 IPv6 text and never queries DNS, unlike
        // InetAddress.getByName, which reads "127.1" as 127.0.0.1 and looks names up (docs/security.md, "Encodings and
        // parser differentials").
        try {
            return InetAddresses.forString(text);
        } catch (IllegalArgumentException notALiteral) {
            throw new IllegalArgumentException(
                    "hosts file line " + lineNumber + ": '" + text + "' is not an IP address", notALiteral);
        }
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String normalised(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
