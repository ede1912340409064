package health.registration.core.model;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An absolute {@code http} or {@code https} URL split into the components of RFC 3986 §3 exactly as written.
 * Nothing is normalised: rules refuse what a lenient parser would silently change (docs/security.md, "Encodings and
 * parser differentials"), so the string that is checked is the string that is stored, compared and fetched.
 *
 * @param scheme   as written (rules require lower case)
 * @param userInfo the part before {@code @} in the authority, or null
 * @param host     as written: a name, a bracketed IPv6 literal or a numeric host
 * @param port     the digits after the host's {@code :}, empty for a bare {@code :}, or null
 * @param path     possibly empty
 * @param query    after {@code ?}, or null
 * @param fragment after {@code #}, or null
 */
public record WebUrl(String scheme, String userInfo, String host, String port, String path, String query,
                     String fragment) {

    /** Policy section 8: URLs of at most 2,048 characters. */
    public static final int MAX_LENGTH = 2048;

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final String UNRESERVED_AND_SUB_DELIMS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=";
    private static final String PATH_CHARACTERS = UNRESERVED_AND_SUB_DELIMS + ":@/";
    private static final String QUERY_CHARACTERS = PATH_CHARACTERS + "?";

    /** The scheme of any absolute URI, as written, or empty when the text has none. */
    public static Optional<String> schemeOf(String text) {
        Matcher m = SCHEME.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True for {@code http} and {@code https} in any case. */
    public static boolean isWebScheme(String scheme) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https");
    }

    /** Splits an absolute http(s) URL, or says in a clause (after the field name) why it is not one. */
    public static Parsed<WebUrl> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            return Parsed.failure("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Parsed.failure("contains a space, a control character or a non-ASCII character;"
                        + " write host names as A-labels (xn--...) and percent-encode everything else");
            }
        }
        Optional<String> scheme = schemeOf(text);
        if (scheme.isEmpty()) {
            return Parsed.failure("is not an absolute URL: it has no scheme");
        }
        if (!isWebScheme(scheme.get())) {
            return Parsed.failure("is not an http or https URL");
        }
        String rest = text.substring(scheme.get().length() + 1);
        if (!rest.startsWith("//")) {
            return Parsed.failure("must start with " + scheme.get() + "://");
        }
        return parseHierarchy(scheme.get(), rest.substring(2));
    }

    private static Parsed<WebUrl> parseHierarchy(String scheme, String rest) {
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String authority = rest;
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            authority = rest.substring(0, slash);
            path = rest.substring(slash);
        }
        if (!allowed(path, PATH_CHARACTERS) || !allowed(query, QUERY_CHARACTERS)
                || !allowed(fragment, QUERY_CHARACTERS)) {
            return Parsed.failure("contains characters that RFC 3986 does not allow there"
                    + " (such as a backslash, a second #, braces or an unescaped %)");
        }
        String finalPath = path;
        String finalQuery = query;
        String finalFragment = fragment;
        return parseAuthority(authority)
                .map(a -> new WebUrl(scheme, a.userInfo, a.host, a.port, finalPath, finalQuery, finalFragment));
    }

    private record Authority(String userInfo, String host, String port) {}

    private static Parsed<Authority> parseAuthority(String authority) {
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        // '@' is tolerated inside user information only so that the user-information rule can name the problem.
        if (!allowed(userInfo, UNRESERVED_AND_SUB_DELIMS + ":@")) {
            return Parsed.failure("contains characters that RFC 3986 does not allow in user information (such as a backslash)");
        }
        Parsed<HostPort> split = splitHostPort(authority.substring(at + 1));
        if (!split.isOk()) {
            return Parsed.failure(split.problem());
        }
        String host = split.value().host();
        String port = split.value().port();
        if (host.isEmpty()) {
            return Parsed.failure("has no host");
        }
        if (port != null && !port.matches("[0-9]{0,5}") || port != null && !port.isEmpty()
                && Integer.parseInt(port) > 65535) {
            return Parsed.failure("has an invalid port");
        }
        if (IpLiteral.isLiteral(host)) {
            Parsed<InetAddress> address = IpLiteral.parse(host);
            if (!address.isOk()) {
                return Parsed.failure(address.problem());
            }
        }
        return Parsed.ok(new Authority(userInfo, host, port));
    }

    private record HostPort(String host, String port) {}

    /** Host and port (null when absent) of {@code host[:port]} or {@code [ipv6][:port]}. */
    private static Parsed<HostPort> splitHostPort(String hostPort) {
        if (hostPort.startsWith("[")) {
            if (!hostPort.contains("]")) {
                return Parsed.failure("has an unterminated IPv6 address");
            }
            int close = hostPort.indexOf(']');
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return Parsed.failure("has characters after its IPv6 address");
            }
            return Parsed.ok(new HostPort(hostPort.substring(0, close + 1), after.isEmpty() ? null : after.substring(1)));
        }
        String host = hostPort;
        String port = null;
        int colon = hostPort.indexOf(':');
        if (colon >= 0) {
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        if (!allowed(host, UNRESERVED_AND_SUB_DELIMS)) {
            return Parsed.failure("has a host with characters that a host name cannot contain");
        }
        return Parsed.ok(new HostPort(host, port));
    }

    /** Characters from the set, and percent signs only as the start of a {@code %XX} triplet. */
    private static boolean allowed(String component, String characters) {
        if (component == null) {
            return true;
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length() || !isHex(component.charAt(i + 1)) || !isHex(component.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (characters.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /** True when the host names an address (IPv6 in brackets, or a numeric IPv4 form) rather than a DNS name. */
    public boolean hasIpLiteralHost() {
        return IpLiteral.isLiteral(host);
    }

    /** The address the host names when it is an IP literal. */
    public Optional<InetAddress> ipLiteralAddress() {
        return hasIpLiteralHost() ? IpLiteral.parse(host).toOptional() : Optional.empty();
    }

    /**
     * True when the host is the loopback interface: {@code localhost} or a name under it (RFC 6761 §6.3), or a
     * literal in 127.0.0.0/8 or {@code ::1}, in any form a browser accepts.
     */
    public boolean hasLoopbackHost() {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return name.equals("localhost") || name.endsWith(".localhost")
                || ipLiteralAddress().map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The lower-case scheme. */
    public String normalizedScheme() {
        return scheme.toLowerCase(Locale.ROOT);
    }
}
