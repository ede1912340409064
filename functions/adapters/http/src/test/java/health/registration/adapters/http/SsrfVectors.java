package health.registration.adapters.http;

import static health.registration.core.probe.ProbeOutcome.DNS_ERROR;
import static health.registration.core.probe.ProbeOutcome.INVALID_URL;
import static health.registration.core.probe.ProbeOutcome.NOT_PUBLIC;

import health.registration.core.probe.ProbeOutcome;
import java.util.List;

/**
 * SSRF vectors (docs/security.md, "URL syntax per field", "Refused addresses", "Encodings and parser differentials";
 * OWASP, PortSwigger, Orange Tsai, Claroty/Snyk URL-confusion catalogues), each with the member it is registered in and
 * the stage of the prober that must refuse it: a URL rule ({@code INVALID_URL}, nothing resolved), the address check
 * after resolution ({@code NOT_PUBLIC}), or the resolver ({@code DNS_ERROR}). None of them may ever be connected to.
 */
final class SsrfVectors {

    /** One vector: the member it goes into, the URL exactly as registered, the refusal expected, and why. */
    record Vector(String member, String url, ProbeOutcome refusal, String reason) {

        /** The row's name in test reports, with control characters spelled out. */
        String displayName() {
            StringBuilder shown = new StringBuilder();
            url.chars().forEach(c -> shown.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : (char) c));
            return member + " " + shown + " -> " + refusal.code() + ": " + reason;
        }
    }

    /** The probe-test hosts file: public-suffix names mapped to the special-purpose addresses the vectors need. */
    static final List<String> HOSTS = List.of(
            "127.0.0.1 loopback.example.com localtest.me 127.0.0.1.example.com",
            "0.0.0.0 zero.example.com",
            "10.0.0.1 private10.example.com 10.0.0.1.sslip.io",
            "172.16.0.1 private172.example.com",
            "192.168.0.1 private192.example.com",
            "100.64.0.1 cgnat.example.com",
            "100.100.100.200 alibaba.example.com",
            "169.254.169.254 meta.example.com 169.254.169.254.nip.io",
            "169.254.170.2 ecs.example.com",
            "168.63.129.16 azure.example.com",
            "192.0.0.192 oracle.example.com",
            "192.0.2.1 doc.example.com",
            "198.18.0.1 bench.example.com",
            "224.0.0.1 multicast.example.com",
            "240.0.0.1 reserved.example.com",
            "255.255.255.255 broadcast.example.com",
            ":: unspecified6.example.com",
            "::1 localhost6.example.com",
            "fd00::1 ula.example.com",
            "fd00:ec2::254 imds6.example.com",
            "fe80::1 linklocal6.example.com",
            "fe80::1%1 scoped.example.com",
            "ff02::1 multicast6.example.com",
            "64:ff9b::7f00:1 nat64.example.com",
            "::ffff:127.0.0.1 mapped.example.com",
            "::127.0.0.1 compat.example.com",
            "2002:a9fe:a9fe:: sixtofour.example.com",
            "2001:0:4136:e378:8000:63bf:80ff:fffe teredo.example.com",
            "2001:db8::1 doc6.example.com",
            "11.22.33.44 mixed.example.com",
            "10.0.0.1 mixed.example.com",
            "2a0f:dead:beef::2 mixed6.example.com",
            "::1 mixed6.example.com");

    static final List<Vector> ALL = List.of(
            // IPv4 literals in every radix and part count browsers accept (WHATWG IPv4 parser; docs/security.md,
            // "Encodings and parser differentials").
            rule("redirect_uris", "https://2130706433/cb", "decimal dword of 127.0.0.1"),
            rule("redirect_uris", "https://017700000001/cb", "octal dword of 127.0.0.1"),
            rule("redirect_uris", "https://0x7f000001/cb", "hex dword of 127.0.0.1"),
            rule("redirect_uris", "https://0x7f.0.0.1/cb", "hex first octet of 127.0.0.1"),
            rule("redirect_uris", "https://0177.0.0.1/cb", "octal first octet: 127.0.0.1 to browsers, 177.0.0.1 to Java"),
            rule("redirect_uris", "https://127.1/cb", "two-part form of 127.0.0.1"),
            rule("redirect_uris", "https://127.0.1/cb", "three-part form of 127.0.0.1"),
            rule("redirect_uris", "https://0x7f.1/cb", "hex two-part form of 127.0.0.1"),
            rule("logo_uri", "https://2852039166/logo.png", "decimal dword of 169.254.169.254"),
            rule("client_uri", "https://0xA9FEA9FE/", "upper-case hex dword of 169.254.169.254"),
            rule("redirect_uris", "https://0251.0376.0251.0376/cb", "octal octets of 169.254.169.254"),
            rule("redirect_uris", "https://127.0.0.1/cb", "loopback literal"),
            rule("redirect_uris", "https://0.0.0.0/cb", "this-host address, which Linux connects to loopback"),
            rule("redirect_uris", "https://0/cb", "single-number form of 0.0.0.0"),
            rule("logo_uri", "https://169.254.169.254/latest/meta-data/", "cloud metadata literal"),
            rule("redirect_uris", "https://100.64.0.1/cb", "carrier-grade NAT literal"),
            rule("client_uri", "https://100.100.100.200/latest/meta-data/", "Alibaba Cloud metadata literal"),
            rule("redirect_uris", "https://192.168.0.1/cb", "RFC 1918 192.168/16 literal"),
            rule("redirect_uris", "https://10.0.0.1/cb", "RFC 1918 10/8 literal"),
            rule("redirect_uris", "https://172.16.0.1/cb", "RFC 1918 172.16/12 literal"),
            rule("redirect_uris", "https://224.0.0.1/cb", "multicast literal"),
            rule("redirect_uris", "https://255.255.255.255/cb", "limited broadcast literal"),
            rule("tos_uri", "https://192.0.0.192/opc/v2/instance/", "Oracle Cloud metadata literal (warning member)"),
            rule("redirect_uris", "https://198.18.0.1/cb", "benchmarking literal"),
            rule("client_uri", "https://168.63.129.16/machine", "Azure WireServer, a public-looking literal"),
            // IPv6 literals, with every IPv4-carrying form of loopback.
            rule("redirect_uris", "https://[::]/cb", "IPv6 unspecified address"),
            rule("redirect_uris", "https://[::1]/cb", "IPv6 loopback"),
            rule("redirect_uris", "https://[0:0:0:0:0:0:0:1]/cb", "IPv6 loopback written in full"),
            rule("redirect_uris", "https://[::ffff:127.0.0.1]/cb", "IPv4-mapped loopback, dotted"),
            rule("redirect_uris", "https://[::ffff:7f00:1]/cb", "IPv4-mapped loopback, hex"),
            rule("redirect_uris", "https://[::127.0.0.1]/cb", "IPv4-compatible loopback, not loopback to the JDK"),
            rule("redirect_uris", "https://[64:ff9b::7f00:1]/cb", "NAT64 of 127.0.0.1"),
            rule("redirect_uris", "https://[fd00::1]/cb", "unique-local literal"),
            rule("redirect_uris", "https://[fe80::1]/cb", "link-local literal"),
            rule("redirect_uris", "https://[fe80::1%25eth0]/cb", "link-local literal with a zone id"),
            rule("redirect_uris", "https://[2002:7f00:1::]/cb", "6to4 of 127.0.0.1"),
            rule("redirect_uris", "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/cb", "Teredo of 127.0.0.1"),
            rule("policy_uri", "https://[fd00:ec2::254]/latest/meta-data/", "AWS IMDS over IPv6 (warning member)"),
            rule("logo_uri", "https://[::ffff:a9fe:a9fe]/logo.png", "IPv4-mapped cloud metadata"),
            // User information and authority confusion (Orange Tsai; Claroty/Snyk).
            rule("redirect_uris", "https://app.example.com@127.0.0.1/cb", "userinfo hides the real host 127.0.0.1"),
            rule("redirect_uris", "https://127.0.0.1@app.example.com/cb", "userinfo alone, refused by its own rule"),
            rule("redirect_uris", "https://app.example.com%40127.0.0.1/cb", "percent-encoded @ inside the host"),
            rule("redirect_uris", "https://a@b@127.0.0.1/cb", "two @: parsers split at different ones"),
            rule("redirect_uris", "https://app.example.com\\@127.0.0.1/cb", "backslash: WHATWG reads it as /"),
            rule("redirect_uris", "https://127.0.0.1\\.app.example.com/cb", "backslash inside the host"),
            rule("redirect_uris", "https://@loopback.example.com/cb", "empty user information"),
            rule("redirect_uris", "https://unmapped.example.com#@127.0.0.1/cb", "# before @: a fragment to some parsers"),
            rule("redirect_uris", "https://1.1.1.1 &@2.2.2.2# @3.3.3.3/", "Orange Tsai's three-host URL"),
            rule("redirect_uris", "HTTPS://loopback.example.com/cb", "upper-case scheme, which lenient parsers fix"),
            rule("redirect_uris", "https:127.0.0.1/cb", "no slashes after the scheme"),
            rule("redirect_uris", "//127.0.0.1/cb", "scheme-relative"),
            // Trailing dots, percent-encoding, control characters and Unicode look-alikes (docs/security.md, "Encodings
            // and parser differentials").
            rule("redirect_uris", "https://127.0.0.1./cb", "trailing dot after a literal"),
            rule("redirect_uris", "https://loopback.example.com./cb", "trailing dot on a name that maps to loopback"),
            rule("redirect_uris", "https://%31%32%37.0.0.1/cb", "percent-encoded digits OkHttp decodes to 127"),
            rule("redirect_uris", "https://127%2E0%2E0%2E1/cb", "percent-encoded dots"),
            rule("redirect_uris", "https://127\u30020\u30020\u30021/cb", "ideographic full stops, dots to IDNA"),
            rule("redirect_uris", "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/cb", "full-width localhost"),
            rule("redirect_uris", "https://127.0.0\t.1/cb", "tab inside the host, stripped by WHATWG"),
            rule("redirect_uris", "https://local\nhost/cb", "newline inside the host, stripped by WHATWG"),
            rule("redirect_uris", "https://127.0.0.1\u0000.app.example.com/cb", "NUL: C resolvers stop at it"),
            rule("redirect_uris", "https://loc%61lhost/cb", "percent-encoded letter OkHttp decodes to localhost"),
            // Internal names, stopped by the public-suffix rule before any lookup (docs/security.md, "URL syntax per
            // field").
            rule("redirect_uris", "https://localhost/cb", "localhost"),
            rule("redirect_uris", "https://localhost./cb", "localhost with a trailing dot"),
            rule("redirect_uris", "https://LOCALHOST/cb", "upper-case localhost"),
            rule("redirect_uris", "https://app.localhost/cb", "name under localhost (RFC 6761)"),
            rule("logo_uri", "https://localhost/logo.png", "localhost outside redirect_uris"),
            rule("client_uri", "https://metadata.google.internal/computeMetadata/v1/", "GCP metadata name"),
            rule("redirect_uris", "https://instance-data/latest/meta-data/", "AWS metadata single-label name"),
            rule("redirect_uris", "https://kubernetes.default.svc/api", "in-cluster service name"),
            rule("client_uri#fr", "https://metadata/computeMetadata/v1/", "bare metadata name (tagged variant)"),
            // Ports other than the scheme default aim the prober at other services.
            rule("redirect_uris", "https://app.example.com:22/", "SSH port"),
            rule("redirect_uris", "https://app.example.com:6379/", "Redis port"),
            rule("client_uri", "https://app.example.com:2375/containers/json", "Docker API port"),
            // Other schemes.
            rule("redirect_uris", "http://app.example.com/cb", "cleartext redirect URI"),
            rule("logo_uri", "http://app.example.com/logo.png", "cleartext logo"),
            rule("redirect_uris", "gopher://127.0.0.1:6379/_INFO", "gopher smuggling raw bytes to Redis"),
            rule("client_uri", "file:///etc/passwd", "local file"),
            rule("redirect_uris", "dict://127.0.0.1:11211/stats", "dict protocol to memcached"),
            rule("tos_uri", "ftp://app.example.com/tos.txt", "ftp (warning member)"),
            rule("logo_uri", "jar:https://app.example.com/x.jar!/logo.png", "Java jar: URL"),
            rule("redirect_uris", "JaVaScRiPt:alert(document.domain)", "javascript: in mixed case"),
            rule("client_uri", "DaTa:text/html,<script>alert(1)</script>", "data: in mixed case"),
            // Public-suffix names whose addresses are special-purpose: only the address check stops them.
            resolved("redirect_uris", "https://loopback.example.com/cb", "name for 127.0.0.1"),
            resolved("redirect_uris", "https://zero.example.com/cb", "name for 0.0.0.0"),
            resolved("redirect_uris", "https://private10.example.com/cb", "name for 10.0.0.1"),
            resolved("redirect_uris", "https://private172.example.com/cb", "name for 172.16.0.1"),
            resolved("redirect_uris", "https://private192.example.com/cb", "name for 192.168.0.1"),
            resolved("redirect_uris", "https://cgnat.example.com/cb", "name for carrier-grade NAT 100.64.0.1"),
            resolved("client_uri", "https://alibaba.example.com/", "name for Alibaba metadata 100.100.100.200"),
            resolved("logo_uri", "https://meta.example.com/logo.png", "name for cloud metadata 169.254.169.254"),
            resolved("redirect_uris", "https://ecs.example.com/v2/credentials", "name for ECS credentials 169.254.170.2"),
            resolved("client_uri", "https://azure.example.com/", "name for Azure WireServer 168.63.129.16"),
            resolved("redirect_uris", "https://oracle.example.com/cb", "name for Oracle metadata 192.0.0.192"),
            resolved("redirect_uris", "https://doc.example.com/cb", "name for documentation 192.0.2.1"),
            resolved("redirect_uris", "https://bench.example.com/cb", "name for benchmarking 198.18.0.1"),
            resolved("redirect_uris", "https://multicast.example.com/cb", "name for multicast 224.0.0.1"),
            resolved("redirect_uris", "https://reserved.example.com/cb", "name for reserved 240.0.0.1"),
            resolved("redirect_uris", "https://broadcast.example.com/cb", "name for broadcast 255.255.255.255"),
            resolved("redirect_uris", "https://unspecified6.example.com/cb", "name for ::"),
            resolved("redirect_uris", "https://localhost6.example.com/cb", "name for ::1"),
            resolved("client_uri#fr", "https://ula.example.com/fr", "name for unique-local fd00::1 (tagged variant)"),
            resolved("redirect_uris", "https://imds6.example.com/cb", "name for AWS IMDS fd00:ec2::254"),
            resolved("redirect_uris", "https://linklocal6.example.com/cb", "name for link-local fe80::1"),
            resolved("redirect_uris", "https://scoped.example.com/cb", "name for fe80::1 with a zone"),
            resolved("redirect_uris", "https://multicast6.example.com/cb", "name for IPv6 multicast ff02::1"),
            resolved("redirect_uris", "https://nat64.example.com/cb", "name for NAT64 of 127.0.0.1"),
            resolved("redirect_uris", "https://mapped.example.com/cb", "name for ::ffff:127.0.0.1 (an Inet4Address)"),
            resolved("redirect_uris", "https://compat.example.com/cb", "name for IPv4-compatible ::127.0.0.1"),
            resolved("redirect_uris", "https://sixtofour.example.com/cb", "name for 6to4 of 169.254.169.254"),
            resolved("redirect_uris", "https://teredo.example.com/cb", "name for Teredo of 127.0.0.1"),
            resolved("redirect_uris", "https://doc6.example.com/cb", "name for documentation 2001:db8::1"),
            resolved("redirect_uris", "https://mixed.example.com/cb", "public 11.22.33.44 and private 10.0.0.1"),
            resolved("redirect_uris", "https://mixed6.example.com/cb", "public 2a0f:dead:beef::2 and ::1"),
            resolved("redirect_uris", "https://169.254.169.254.nip.io/cb", "nip.io-style name for cloud metadata"),
            resolved("redirect_uris", "https://10.0.0.1.sslip.io/cb", "sslip.io-style name for 10.0.0.1"),
            resolved("redirect_uris", "https://localtest.me/cb", "public name for 127.0.0.1"),
            resolved("redirect_uris", "https://127.0.0.1.example.com/cb", "dotted-quad labels under a real name"),
            resolved("tos_uri", "https://loopback.example.com/tos", "loopback terms page (warning member)"),
            resolved("policy_uri", "https://meta.example.com/privacy", "metadata policy page (warning member)"),
            resolved("client_uri", "http://loopback.example.com/", "http client_uri: allowed with a warning, port 80"),
            // Names that do not resolve.
            unresolved("redirect_uris", "https://unmapped.example.com/cb", "no address at all"),
            unresolved("logo_uri", "https://nxdomain.example.org/logo.png", "NXDOMAIN for the logo"),
            unresolved("redirect_uris", "https://query.example.net?@127.0.0.1/", "? before @: only the name is resolved"),
            unresolved("redirect_uris", "https://hidden.onion.example.com/cb", "an onion-looking label under a real name"),
            rule("redirect_uris", "https://hidden.onion/cb", ".onion is special-use (RFC 7686)"),
            rule("redirect_uris", "https://router.alt/cb", ".alt is special-use (RFC 9476)"),
            rule("redirect_uris", "https://db.internal/cb", ".internal is private-use"));

    private SsrfVectors() {}

    private static Vector rule(String member, String url, String reason) {
        return new Vector(member, url, INVALID_URL, reason);
    }

    private static Vector resolved(String member, String url, String reason) {
        return new Vector(member, url, NOT_PUBLIC, reason);
    }

    private static Vector unresolved(String member, String url, String reason) {
        return new Vector(member, url, DNS_ERROR, reason);
    }
}
