package health.registration.core.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address ranges a probe never connects to (docs/security.md, "Refused addresses"), as one table
 * with the RFC of each row in its description. Sources: the IANA IPv4 and IPv6 Special-Purpose Address Registries, plus
 * the cloud metadata addresses that sit inside (or, for Azure, outside) them.
 *
 * <p>The most specific row containing an address decides, so a metadata /32 wins over its link-local /16 and the
 * blocks inside {@code 2000::/3} win over it. IPv4 is a deny list; IPv6 is an allow list of global unicast
 * ({@code 2000::/3}) with everything else refused by the {@code ::/0} row. Classification compares prefixes of the raw
 * bytes: JDK predicates such as {@code isSiteLocalAddress()} miss CGNAT, {@code 0/8}, ULA, NAT64 and the
 * IPv4-compatible, 6to4 and Teredo forms.
 */
public final class SpecialPurposeAddresses {

    private static final List<Block> TABLE = List.of(
            // IPv4: refused wherever a row matches, public otherwise.
            refuse("0.0.0.0/8", "a this-network address (RFC 1122)"),
            refuse("10.0.0.0/8", "a private address (RFC 1918)"),
            refuse("100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"),
            refuse("100.100.100.200/32", "a cloud metadata address (Alibaba Cloud; inside RFC 6598 shared space)"),
            refuse("127.0.0.0/8", "a loopback address (RFC 1122)"),
            refuse("169.254.0.0/16", "a link-local address (RFC 3927)"),
            refuse("169.254.169.254/32", "a cloud metadata address (AWS, Azure, GCP, OpenStack; RFC 3927 link-local)"),
            refuse("169.254.170.2/32", "a cloud metadata address (AWS ECS task credentials; RFC 3927 link-local)"),
            refuse("172.16.0.0/12", "a private address (RFC 1918)"),
            refuse("192.0.0.0/24", "an IETF protocol assignment address (RFC 6890)"),
            refuse("192.0.0.192/32", "a cloud metadata address (Oracle Cloud; inside the RFC 6890 IETF block)"),
            refuse("192.0.2.0/24", "a documentation address (RFC 5737)"),
            refuse("192.31.196.0/24", "an AS112 address (RFC 7535)"),
            refuse("192.52.193.0/24", "an AMT relay address (RFC 7450)"),
            refuse("192.88.99.0/24", "a deprecated 6to4 relay anycast address (RFC 7526)"),
            refuse("192.168.0.0/16", "a private address (RFC 1918)"),
            refuse("192.175.48.0/24", "an AS112 address (RFC 7534)"),
            refuse("198.18.0.0/15", "a benchmarking address (RFC 2544)"),
            refuse("198.51.100.0/24", "a documentation address (RFC 5737)"),
            refuse("203.0.113.0/24", "a documentation address (RFC 5737)"),
            refuse("224.0.0.0/4", "a multicast address (RFC 5771)"),
            refuse("240.0.0.0/4", "a reserved address (RFC 1112)"),
            refuse("255.255.255.255/32", "the limited broadcast address (RFC 919)"),
            // A public address that reaches the Azure host's WireServer, DNS and DHCP; no RFC names it. See
            // https://learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16
            refuse("168.63.129.16/32", "a cloud metadata address (Azure WireServer)"),

            // IPv6: only global unicast is public (RFC 4291 §2.4); the longer rows below override these two.
            refuse("::/0", "an IPv6 address outside global unicast 2000::/3 (RFC 4291)"),
            allow("2000::/3", "global unicast (RFC 4291)"),
            // Outside 2000::/3: refused by the ::/0 row anyway; these rows say which block it is.
            refuse("::/128", "the unspecified address (RFC 4291)"),
            refuse("::1/128", "a loopback address (RFC 4291)"),
            carrier("::/96", "a deprecated IPv4-compatible address (RFC 4291)", EmbeddedIpv4.LAST_32_BITS),
            // A mapped address reaches the IPv4 host it carries, so that host's verdict applies, as the JDK does
            // when it reads ::ffff:a.b.c.d as an Inet4Address.
            judgedAsCarried(ipv4MappedPrefix(), "an IPv4-mapped address (RFC 4291)"),
            carrier("64:ff9b::/96", "a NAT64 address (RFC 6052)", EmbeddedIpv4.LAST_32_BITS),
            refuse("64:ff9b:1::/48", "a local-use NAT64 address (RFC 8215)"),
            refuse("100::/64", "a discard-only address (RFC 6666)"),
            refuse("100:0:0:1::/64", "a dummy address (RFC 9780)"),
            refuse("5f00::/16", "an SRv6 SID address (RFC 9602)"),
            refuse("fc00::/7", "a unique-local address (RFC 4193)"),
            refuse("fd00:ec2::254/128", "a cloud metadata address (AWS IMDS over IPv6; RFC 4193 unique-local)"),
            refuse("fe80::/10", "a link-local address (RFC 4291)"),
            refuse("fec0::/10", "a deprecated site-local address (RFC 3879)"),
            refuse("ff00::/8", "a multicast address (RFC 4291)"),
            // Inside 2000::/3 but special-purpose all the same.
            refuse("2001::/23", "an IETF protocol assignment address (RFC 2928)"),
            carrier("2001::/32", "a Teredo address (RFC 4380)", EmbeddedIpv4.TEREDO_CLIENT),
            refuse("2001:db8::/32", "a documentation address (RFC 3849)"),
            carrier("2002::/16", "a 6to4 address (RFC 3056)", EmbeddedIpv4.AFTER_6TO4_PREFIX),
            refuse("2620:4f:8000::/48", "an AS112 address (RFC 7534)"),
            refuse("3fff::/20", "a documentation address (RFC 9637)"));

    private SpecialPurposeAddresses() {}

    /** The special-purpose range the address lies in, described for people, or empty for public unicast. */
    public static Optional<String> rangeOf(InetAddress address) {
        if (address == null) {
            return Optional.of("no address");
        }
        if (address instanceof Inet6Address ipv6 && hasZone(ipv6)) {
            // RFC 4007: a zone names an interface of this host, so the address is never a public destination.
            return Optional.of("a scoped address (RFC 4007)");
        }
        return TABLE.stream()
                .filter(block -> block.range().contains(address))
                .max(Comparator.comparingInt(block -> block.range().prefixLength()))
                .flatMap(block -> block.refusalOf(address.getAddress()));
    }

    /** The rows, for tests that check the table itself. */
    static List<Block> table() {
        return TABLE;
    }

    private static boolean hasZone(Inet6Address address) {
        // A zone of 0 ("fe80::1%0") leaves getScopeId() at 0 and shows only in the text form.
        return address.getScopedInterface() != null || address.getScopeId() != 0
                || address.getHostAddress().indexOf('%') >= 0;
    }

    private static Block refuse(String range, String description) {
        return new Block(cidr(range), description, true, EmbeddedIpv4.NONE);
    }

    private static Block allow(String range, String description) {
        return new Block(cidr(range), description, false, EmbeddedIpv4.NONE);
    }

    private static Block carrier(String range, String description, EmbeddedIpv4 embedded) {
        return new Block(cidr(range), description, true, embedded);
    }

    private static Block judgedAsCarried(Cidr range, String description) {
        return new Block(range, description, false, EmbeddedIpv4.LAST_32_BITS);
    }

    /** ::ffff:0:0/96, built from bytes: Guava and the JDK read the text {@code ::ffff:0:0} as IPv4 0.0.0.0. */
    private static Cidr ipv4MappedPrefix() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        try {
            return new Cidr(Inet6Address.getByAddress(null, prefix, null), 96);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", impossible);
        }
    }

    private static Cidr cidr(String text) {
        return Cidr.parse(text).toOptional()
                .orElseThrow(() -> new IllegalStateException("bad row in the special-purpose table: " + text));
    }

    /**
     * One row: a range, what it is (with its RFC), whether it is refused in itself, and where it carries an IPv4
     * address. A carried IPv4 address that is itself special-purpose refuses the row whatever {@code refused} says.
     */
    record Block(Cidr range, String description, boolean refused, EmbeddedIpv4 embedded) {

        Optional<String> refusalOf(byte[] address) {
            Optional<String> carried = embedded.in(address).flatMap(SpecialPurposeAddresses::rangeOf);
            if (carried.isPresent()) {
                return Optional.of(description + " carrying " + carried.get());
            }
            return refused ? Optional.of(description) : Optional.empty();
        }
    }
}
