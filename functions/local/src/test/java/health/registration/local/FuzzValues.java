package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.List;
import java.util.Random;

/**
 * Hostile JSON values for {@link RegistrationFuzzIT}, drawn from one seeded {@link Random} so a run can be replayed:
 * every JSON type, numbers JSON allows but Java does not hold ({@code 1e999999999}, 400 digits), deep nesting, long
 * and odd strings, and URLs of every scheme and shape. Host names are the fixture hosts, names the JVM's hosts file
 * does not know (so nothing is ever looked up off this machine) or non-public IP literals; never a public address.
 */
final class FuzzValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> NUMBERS = List.of("0", "-0", "-1", "1.5", "-1.5e3", "1e999999999", "-1e999999999",
            "1E+400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "123456789012345678901234567890", "4.9e-324", "1.7976931348623157e309", "0.0000000000000000000001",
            "1" + "0".repeat(400), "1" + "0".repeat(2000), "2147483648", "-2147483649", "1e2", "3.0");
    private static final List<String> SCHEMES = List.of("https", "https", "https", "http", "HTTPS", "javascript",
            "data", "file", "ftp", "ws", "wss", "custom.app", "mailto", "about", "blob", "jar:file", "gopher", "");
    private static final List<String> ODD_HOSTS = List.of("127.0.0.1", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]",
            "0x7f000001", "2130706433", "017700000001", "0.0.0.0", "10.0.0.1", "192.168.1.1", "[fd00::1]",
            "[fe80::1%25eth0]", "100.64.0.1", "localhost", "localhost.", "unknown.invalid", "xn--bcher-kva.example.com",
            "bücher.example.com", "%65xample.com", "example.com.", "a..example.com", "-bad-.example.com",
            "exa mple.com", "example.com:443@evil.example.net", "metadata.google.internal", "example",
            "x".repeat(70) + ".example.com", "xn--.example.com", "localtest.me");
    private static final List<String> STRINGS = List.of("", " ", "\u0000", "\uFEFF", "\u202Etxt.exe", "null", "true",
            "{}", "[]", "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://127.0.0.1/a}", "%00", "\\u0000",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uD800", "a\r\nSet-Cookie: x=1", "../../etc/passwd", "mailto:ops@example.com");

    private final Random random;
    private final List<String> fixtureHosts;

    FuzzValues(Random random, List<String> fixtureHosts) {
        this.random = random;
        this.fixtureHosts = fixtureHosts;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    String fixtureHost() {
        return pick(fixtureHosts);
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    JsonNode anyValue(int depth) {
        return switch (random.nextInt(depth <= 0 ? 6 : 9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.rawValueNode(new RawValue(pick(NUMBERS)));
            case 3 -> NODES.textNode(string());
            case 4 -> NODES.textNode(url());
            case 5 -> NODES.numberNode(random.nextLong());
            case 6 -> array(depth - 1);
            case 7 -> object(depth - 1);
            default -> nested(1 + random.nextInt(40));
        };
    }

    ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        for (int n = random.nextInt(5); n > 0; n--) {
            array.add(anyValue(depth));
        }
        return array;
    }

    ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int n = random.nextInt(5); n > 0; n--) {
            object.set(chance(50) ? string() : pick(FuzzedRegistrations.MEMBERS), anyValue(depth));
        }
        return object;
    }

    /** Arrays or objects nested {@code depth} deep, as raw JSON. */
    JsonNode nested(int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return NODES.rawValueNode(new RawValue(open.repeat(depth) + "1" + close.repeat(depth)));
    }

    String string() {
        return switch (random.nextInt(6)) {
            case 0 -> pick(STRINGS);
            case 1 -> "x".repeat(random.nextInt(5000));
            case 2 -> randomText(1 + random.nextInt(64));
            case 3 -> "Fuzz app " + random.nextInt(1000);
            case 4 -> "ops@" + pick(List.of("example.com", fixtureHost(), "", "localhost", "evil.example.net"));
            default -> url();
        };
    }

    /** Characters from the whole of the Basic Multilingual Plane, lone surrogates and controls included. */
    String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int n = 0; n < length; n++) {
            text.append((char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000)));
        }
        return text.toString();
    }

    /** A URL of any scheme and shape; about half on a fixture host, which the prober may fetch. */
    String url() {
        String scheme = pick(SCHEMES);
        String host = chance(50) ? fixtureHost() : pick(ODD_HOSTS);
        StringBuilder url = new StringBuilder(scheme.isEmpty() ? "//" : scheme + "://");
        if (chance(10)) {
            url.append(pick(List.of("user@", "user:pass@", "@", ":@", "a%40b@")));
        }
        url.append(host);
        if (chance(15)) {
            url.append(pick(List.of(":443", ":8443", ":0", ":99999", ":-1", ":", ":80", ":65535", ":0443")));
        }
        url.append(pick(List.of("/callback", "/page/home", "/page/terms", "/page/privacy", "/logo/logo.png",
                "/status/404", "/", "", "/%2e%2e/%2e%2e/etc/passwd", "/a%00b", "/%zz", "/ünïcode", "/a b",
                "/" + "p".repeat(3000), "/.well-known/jwks.json")));
        if (chance(15)) {
            url.append(pick(List.of("?a=1", "?", "?redirect=https://evil.example.net", "?%00=%00")));
        }
        if (chance(15)) {
            url.append(pick(List.of("#frag", "#", "#/x?y")));
        }
        if (chance(5)) {
            return pick(List.of("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
                    "https:", "https:/", "https:///", "https://", "://", "https://[", "https://[::1", "http://:80/",
                    "https://example.com\\@evil.example.net/", "\thttps://" + fixtureHost() + "/callback "));
        }
        return url.toString();
    }

    /** An {@code Idempotency-Key} of some shape; unique where it could be accepted, so no two requests share one. */
    String idempotencyKey(int request) {
        String unique = Integer.toString(request, 36) + "-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        return switch (random.nextInt(9)) {
            case 0 -> java.util.UUID.randomUUID().toString();
            case 1 -> "";
            case 2 -> "a";
            case 3 -> "aaaaaaaaaaaa" + unique;
            case 4 -> unique + "x".repeat(300);
            case 5 -> unique + " with spaces";
            case 6 -> unique + "\u00e9\u00e8";
            case 7 -> "Zm9v_-" + unique + "AAAAAAAAAAAAAAAAAAAA";
            default -> unique;
        };
    }
}
