package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/security.md, "Refused addresses" and "Testing without weakening the guard" item 1. Addresses are built from
 * literals and bytes only: nothing resolves or connects.
 */
class SpecialPurposeAddressesTest {

    private static final String PUBLIC = "public";

    @ParameterizedTest(name = "[{index}] {0}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
        # block          | public below     | first           | last                                    | public above    | refusal                                     | reason
        0.0.0.0/8        |                  | 0.0.0.0         | 0.255.255.255                           | 1.0.0.0         | a this-network address (RFC 1122)           | 0.0.0.0 reaches the local host on Linux
        10.0.0.0/8       | 9.255.255.255    | 10.0.0.0        | 10.255.255.255                          | 11.0.0.0        | a private address (RFC 1918)                | private network
        100.64.0.0/10    | 100.63.255.255   | 100.64.0.0      | 100.127.255.255                         | 100.128.0.0     | a carrier-grade NAT address (RFC 6598)      | shared space that JDK predicates miss
        127.0.0.0/8      | 126.255.255.255  | 127.0.0.0       | 127.255.255.255                         | 128.0.0.0       | a loopback address (RFC 1122)               | all of 127/8 is loopback, not just 127.0.0.1
        169.254.0.0/16   | 169.253.255.255  | 169.254.0.0     | 169.254.255.255                         | 169.255.0.0     | a link-local address (RFC 3927)             | link-local, home of the metadata services
        172.16.0.0/12    | 172.15.255.255   | 172.16.0.0      | 172.31.255.255                          | 172.32.0.0      | a private address (RFC 1918)                | private network ending inside a byte
        192.0.0.0/24     | 191.255.255.255  | 192.0.0.0       | 192.0.0.255                             | 192.0.1.0       | an IETF protocol assignment address (RFC 6890) | IETF assignments, refused whole
        192.0.2.0/24     | 192.0.1.255      | 192.0.2.0       | 192.0.2.255                             | 192.0.3.0       | a documentation address (RFC 5737)          | TEST-NET-1
        192.31.196.0/24  | 192.31.195.255   | 192.31.196.0    | 192.31.196.255                          | 192.31.197.0    | an AS112 address (RFC 7535)                 | AS112, never a web host
        192.52.193.0/24  | 192.52.192.255   | 192.52.193.0    | 192.52.193.255                          | 192.52.194.0    | an AMT relay address (RFC 7450)             | AMT, never a web host
        192.88.99.0/24   | 192.88.98.255    | 192.88.99.0     | 192.88.99.255                           | 192.88.100.0    | a deprecated 6to4 relay anycast address (RFC 7526) | 6to4 relays
        192.168.0.0/16   | 192.167.255.255  | 192.168.0.0     | 192.168.255.255                         | 192.169.0.0     | a private address (RFC 1918)                | private network
        192.175.48.0/24  | 192.175.47.255   | 192.175.48.0    | 192.175.48.255                          | 192.175.49.0    | an AS112 address (RFC 7534)                 | AS112, never a web host
        198.18.0.0/15    | 198.17.255.255   | 198.18.0.0      | 198.19.255.255                          | 198.20.0.0      | a benchmarking address (RFC 2544)           | benchmarking
        198.51.100.0/24  | 198.51.99.255    | 198.51.100.0    | 198.51.100.255                          | 198.51.101.0    | a documentation address (RFC 5737)          | TEST-NET-2
        203.0.113.0/24   | 203.0.112.255    | 203.0.113.0     | 203.0.113.255                           | 203.0.114.0     | a documentation address (RFC 5737)          | TEST-NET-3
        224.0.0.0/4      | 223.255.255.255  | 224.0.0.0       | 239.255.255.255                         |                 | a multicast address (RFC 5771)              | multicast; 240/4 follows
        240.0.0.0/4      |                  | 240.0.0.0       | 255.255.255.254                         |                 | a reserved address (RFC 1112)               | reserved; its last address is the broadcast row
        255.255.255.255/32 |                | 255.255.255.255 | 255.255.255.255                         |                 | the limited broadcast address (RFC 919)     | broadcast
        168.63.129.16/32 | 168.63.129.15    | 168.63.129.16   | 168.63.129.16                           | 168.63.129.17   | a cloud metadata address (Azure WireServer) | a public address that reaches the Azure host
        ::/128           |                  | ::              | ::                                      |                 | the unspecified address (RFC 4291)          | unspecified
        ::1/128          |                  | ::1             | ::1                                     |                 | a loopback address (RFC 4291)               | IPv6 loopback
        ::/96            |                  | ::2             | ::ffff:ffff                             |                 | a deprecated IPv4-compatible address (RFC 4291) | :: and ::1 have rows of their own
        64:ff9b::/96     |                  | 64:ff9b::       | 64:ff9b::ffff:ffff                      |                 | a NAT64 address (RFC 6052)                  | well-known NAT64 prefix
        64:ff9b:1::/48   |                  | 64:ff9b:1::     | 64:ff9b:1:ffff:ffff:ffff:ffff:ffff      |                 | a local-use NAT64 address (RFC 8215)        | local-use NAT64 prefix
        100::/64         |                  | 100::           | 100::ffff:ffff:ffff:ffff                |                 | a discard-only address (RFC 6666)           | discard
        100:0:0:1::/64   |                  | 100:0:0:1::     | 100::1:ffff:ffff:ffff:ffff              |                 | a dummy address (RFC 9780)                  | dummy prefix
        5f00::/16        |                  | 5f00::          | 5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff |                 | an SRv6 SID address (RFC 9602)              | segment routing
        fc00::/7         |                  | fc00::          | fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff |                 | a unique-local address (RFC 4193)           | ULA, which isSiteLocalAddress() misses
        fe80::/10        |                  | fe80::          | febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff |                 | a link-local address (RFC 4291)             | IPv6 link-local
        fec0::/10        |                  | fec0::          | feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff |                 | a deprecated site-local address (RFC 3879)  | site-local
        ff00::/8         |                  | ff00::          | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff |                 | a multicast address (RFC 4291)              | IPv6 multicast
        2001::/32        | 2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 2001:: | 2001:0:ffff:ffff:ffff:ffff:ffff:ffff |          | a Teredo address (RFC 4380)                 | Teredo; 2001:1:: above is still IETF
        2001::/23        |                  | 2001:1::        | 2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff  | 2001:200::      | an IETF protocol assignment address (RFC 2928) | IETF assignments; Teredo has its own row
        2001:db8::/32    | 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff | 2001:db8:: | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | 2001:db9:: | a documentation address (RFC 3849)    | IPv6 documentation
        2002::/16        | 2001:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 2002:: | 2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 2003:: | a 6to4 address (RFC 3056)                 | 6to4 embeds an IPv4 address
        2620:4f:8000::/48 | 2620:4f:7fff:ffff:ffff:ffff:ffff:ffff | 2620:4f:8000:: | 2620:4f:8000:ffff:ffff:ffff:ffff:ffff | 2620:4f:8001:: | an AS112 address (RFC 7534)   | IPv6 AS112
        3fff::/20        | 3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 3fff:: | 3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff | 3fff:1000:: | a documentation address (RFC 9637)    | new IPv6 documentation block
        """)
    void refusesEveryAddressOfABlockAndAllowsItsPublicNeighbours(String block, String below, String first,
                                                                  String last, String above, String refusal,
                                                                  String reason) {
        assertThat(rangeOf(first)).as("first address of %s", block).startsWith(refusal);
        assertThat(rangeOf(last)).as("last address of %s", block).startsWith(refusal);
        for (String neighbour : new String[] {below, above}) {
            if (neighbour != null) {
                assertThat(rangeOf(neighbour)).as("%s next to %s", neighbour, block).isEqualTo(PUBLIC);
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # address                                 | refusal                                           | reason
        169.254.169.254                           | a cloud metadata address (AWS, Azure, GCP         | instance metadata of most clouds
        169.254.170.2                             | a cloud metadata address (AWS ECS task credentials | ECS task credentials
        169.254.169.253                           | a link-local address (RFC 3927)                   | the metadata row is a single address
        100.100.100.200                           | a cloud metadata address (Alibaba Cloud           | Alibaba metadata, inside CGNAT space
        192.0.0.192                               | a cloud metadata address (Oracle Cloud            | Oracle metadata, inside the IETF block
        192.0.0.9                                 | an IETF protocol assignment address (RFC 6890)    | IANA calls it globally reachable; refused anyway
        192.0.0.170                               | an IETF protocol assignment address (RFC 6890)    | NAT64 discovery
        fd00:ec2::254                             | a cloud metadata address (AWS IMDS over IPv6      | AWS metadata over IPv6
        fd00:ec2::253                             | a unique-local address (RFC 4193)                 | the IPv6 metadata row is a single address
        ::ffff:127.0.0.1                          | a loopback address (RFC 1122)                     | the mapped text form is read as IPv4
        ::127.0.0.1                               | a deprecated IPv4-compatible address (RFC 4291) carrying a loopback | passes every JDK predicate
        1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff   | an IPv6 address outside global unicast 2000::/3   | just below global unicast
        2000::                                    | public                                            | first global unicast address
        2001:4860:4860::8888                      | public                                            | inside 2001::/16 but beyond the IETF /23
        3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff   | public                                            | last global unicast address, beyond 3fff::/20
        4000::                                    | an IPv6 address outside global unicast 2000::/3   | just above global unicast
        e000::                                    | an IPv6 address outside global unicast 2000::/3   | unassigned space has no row of its own
        8.8.8.8                                   | public                                            | Google DNS
        1.1.1.1                                   | public                                            | Cloudflare DNS
        93.184.216.34                             | public                                            | example.com
        2606:4700:4700::1111                      | public                                            | Cloudflare DNS over IPv6
        2a00:1450:4001::1                         | public                                            | Google over IPv6
        """)
    void judgesMetadataGlobalUnicastEdgesAndRealPublicAddresses(String address, String refusal, String reason) {
        assertThat(rangeOf(address)).startsWith(refusal);
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # 16 bytes                                | carrier                                         | carried                           | reason
        0000:0000:0000:0000:0000:ffff:7f00:0001   | an IPv4-mapped address (RFC 4291)               | a loopback address (RFC 1122)     | mapped 127.0.0.1
        0000:0000:0000:0000:0000:ffff:0a00:0001   | an IPv4-mapped address (RFC 4291)               | a private address (RFC 1918)      | mapped 10.0.0.1
        0000:0000:0000:0000:0000:ffff:a9fe:a9fe   | an IPv4-mapped address (RFC 4291)               | a cloud metadata address          | mapped 169.254.169.254
        0000:0000:0000:0000:0000:0000:7f00:0001   | a deprecated IPv4-compatible address (RFC 4291) | a loopback address (RFC 1122)     | compatible 127.0.0.1
        0000:0000:0000:0000:0000:0000:0a00:0001   | a deprecated IPv4-compatible address (RFC 4291) | a private address (RFC 1918)      | compatible 10.0.0.1
        0000:0000:0000:0000:0000:0000:a9fe:a9fe   | a deprecated IPv4-compatible address (RFC 4291) | a cloud metadata address          | compatible 169.254.169.254
        2002:7f00:0001:0000:0000:0000:0000:0000   | a 6to4 address (RFC 3056)                       | a loopback address (RFC 1122)     | 6to4 127.0.0.1
        2002:0a00:0001:0000:0000:0000:0000:0001   | a 6to4 address (RFC 3056)                       | a private address (RFC 1918)      | 6to4 10.0.0.1
        2002:a9fe:a9fe:0000:0000:0000:0000:0001   | a 6to4 address (RFC 3056)                       | a cloud metadata address          | 6to4 169.254.169.254
        2001:0000:4136:e378:8000:63bf:80ff:fffe   | a Teredo address (RFC 4380)                     | a loopback address (RFC 1122)     | Teredo client 127.0.0.1, bits inverted
        2001:0000:4136:e378:8000:63bf:f5ff:fffe   | a Teredo address (RFC 4380)                     | a private address (RFC 1918)      | Teredo client 10.0.0.1
        2001:0000:4136:e378:8000:63bf:5601:5601   | a Teredo address (RFC 4380)                     | a cloud metadata address          | Teredo client 169.254.169.254
        0064:ff9b:0000:0000:0000:0000:7f00:0001   | a NAT64 address (RFC 6052)                      | a loopback address (RFC 1122)     | NAT64 127.0.0.1
        0064:ff9b:0000:0000:0000:0000:0a00:0001   | a NAT64 address (RFC 6052)                      | a private address (RFC 1918)      | NAT64 10.0.0.1
        0064:ff9b:0000:0000:0000:0000:a9fe:a9fe   | a NAT64 address (RFC 6052)                      | a cloud metadata address          | NAT64 169.254.169.254
        """)
    void refusesIpv6FormsCarryingASpecialPurposeIpv4Address(String bytes, String carrier, String carried,
                                                           String reason) {
        assertThat(rangeOf(rawIpv6(bytes))).startsWith(carrier + " carrying " + carried);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # 16 bytes                                | verdict                                         | reason
        0000:0000:0000:0000:0000:ffff:0808:0808   | public                                          | mapped 8.8.8.8 reaches 8.8.8.8 itself
        0000:0000:0000:0000:0000:0000:0808:0808   | a deprecated IPv4-compatible address (RFC 4291) | the compatible form is refused whatever it carries
        2002:0808:0808:0000:0000:0000:0000:0001   | a 6to4 address (RFC 3056)                       | 6to4 is refused whatever it carries
        2001:0000:4136:e378:8000:63bf:f7f7:f7f7   | a Teredo address (RFC 4380)                     | Teredo is refused whatever it carries
        0064:ff9b:0000:0000:0000:0000:0808:0808   | a NAT64 address (RFC 6052)                      | NAT64 is refused whatever it carries
        """)
    void judgesIpv6FormsCarryingAPublicIpv4AddressByTheirCarrier(String bytes, String verdict, String reason) {
        assertThat(rangeOf(rawIpv6(bytes))).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # address              | zone | reason
        fe80::1                | 3    | the usual zoned link-local address
        2606:4700:4700::1111   | 3    | a zone on a public address still names a local interface
        2606:4700:4700::1111   | 0    | zone 0 shows only in the text form
        """)
    void refusesEveryAddressWithAZone(String address, int zone, String reason) throws UnknownHostException {
        byte[] bytes = InetAddresses.forString(address).getAddress();

        assertThat(rangeOf(Inet6Address.getByAddress(null, bytes, zone))).isEqualTo("a scoped address (RFC 4007)");
    }

    @Test
    void judgesEveryIpv4AddressAndItsRawMappedFormAlike() {
        Random random = new Random(20_240_607L);
        List<String> disagreements = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            Inet4Address ipv4 = InetAddresses.fromInteger(random.nextInt());
            boolean ipv4Refused = SpecialPurposeAddresses.rangeOf(ipv4).isPresent();
            refused += ipv4Refused ? 1 : 0;
            if (ipv4Refused != SpecialPurposeAddresses.rangeOf(ipv4MappedInet6(ipv4)).isPresent()) {
                disagreements.add(ipv4.getHostAddress());
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(refused).as("the sample holds refused and public addresses").isBetween(1, 399);
    }

    @Test
    void refusesNoAddressAtAll() {
        assertThat(SpecialPurposeAddresses.rangeOf(null)).contains("no address");
    }

    @Test
    void holdsEveryRowOfTheRegistriesAndTheMetadataAddresses() {
        List<SpecialPurposeAddresses.Block> table = SpecialPurposeAddresses.table();

        // IPv4: 19 ranges of the IANA IPv4 Special-Purpose Address Registry and 5 cloud metadata addresses. IPv6:
        // the ::/0 and 2000::/3 rows, 19 blocks of the IANA IPv6 registry and RFC 4291, and 1 cloud metadata
        // address (docs/security.md, "Refused addresses"). A row added or lost changes these counts.
        assertThat(table).filteredOn(block -> !block.range().toString().contains(":")).hasSize(24);
        assertThat(table).filteredOn(block -> block.range().toString().contains(":")).hasSize(22);
        assertThat(table).filteredOn(block -> block.description().startsWith("a cloud metadata address")).hasSize(6);
    }

    @Test
    void citesAnRfcOrACloudOnEveryRow() {
        assertThat(SpecialPurposeAddresses.table()).isNotEmpty().allSatisfy(block -> assertThat(block.description())
                .matches(".*\\(.*RFC \\d+.*\\)|a cloud metadata address \\(.+\\)"));
    }

    @Test
    void givesEachRangeOneRow() {
        List<Cidr> ranges = SpecialPurposeAddresses.table().stream().map(SpecialPurposeAddresses.Block::range).toList();

        assertThat(ranges).isNotEmpty().doesNotHaveDuplicates();
    }

    private static String rangeOf(String literal) {
        return rangeOf(InetAddresses.forString(literal));
    }

    private static String rangeOf(InetAddress address) {
        return SpecialPurposeAddresses.rangeOf(address).orElse(PUBLIC);
    }

    /** An Inet6Address straight from 16 bytes: the JDK unwraps only textual IPv4-mapped forms. */
    private static Inet6Address rawIpv6(String groups) {
        try {
            return Inet6Address.getByAddress(null, HexFormat.of().parseHex(groups.replace(":", "")), null);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    private static Inet6Address ipv4MappedInet6(Inet4Address ipv4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(ipv4.getAddress(), 0, bytes, 12, 4);
        return rawIpv6(HexFormat.of().formatHex(bytes));
    }
}
