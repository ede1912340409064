package health.registration.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            203.0.113.7                          | 203.0.113.7        | IPv4 counts as it is
            ' 203.0.113.7 '                      | 203.0.113.7        | surrounding blanks do not make another source
            2001:db8:1:2:3:4:5:6                 | 2001:db8:1:2::/64  | IPv6 counts by its /64
            2001:db8:1:2:ffff:ffff:ffff:ffff     | 2001:db8:1:2::/64  | every address of one /64 shares its counter
            [2001:db8:1:2::9]                    | 2001:db8:1:2::/64  | a bracketed literal is the same address
            2001:DB8:1:2::1                      | 2001:db8:1:2::/64  | case does not matter
            ::ffff:198.51.100.4                  | 198.51.100.4       | an IPv4-mapped address is its IPv4 address
            ::1                                  | ::/64              | IPv6 loopback (the local API)
            null                                 | unknown            | no sourceIp: one shared counter, not exempt
            ''                                   | unknown            | empty sourceIp
            example.com                          | unknown            | a name is no address
            fe80::1%eth0                         | unknown            | a scoped address is refused as no address
            """)
    void countsAnAddressByItsKey(String sourceIp, String key, String reason) {
        assertThat(SourceAddress.of(sourceIp).key()).as(reason).isEqualTo(key);
    }

    @ParameterizedTest(name = "{0} and {1} are different sources")
    @CsvSource(delimiter = '|', textBlock = """
            2001:db8:1:2::1 | 2001:db8:1:3::1
            203.0.113.7     | 203.0.113.8
            """)
    void neighbouringNetworksCountApart(String one, String other) {
        assertThat(SourceAddress.of(one)).isNotEqualTo(SourceAddress.of(other));
    }

    /**
     * An Inet6Address built from its 16 bytes stays IPv6 (text parsing turns a mapped literal into IPv4 before this
     * class sees it), so the IPv4-mapped prefix (RFC 4291 §2.5.5.2: 80 zero bits, then 16 one bits) is judged here,
     * byte by byte at each edge of it.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            00000000000000000000ffffcb007107 | 203.0.113.7 | IPv4-mapped: its IPv4 address
            01000000000000000000ffffcb007107 | 100::/64    | a non-zero first byte: not mapped
            00000000000000000001ffffcb007107 | ::/64       | a non-zero tenth byte: not mapped
            00000000000000000000feffcb007107 | ::/64       | 0xfe where the first 0xff belongs
            00000000000000000000fffecb007107 | ::/64       | 0xfe where the second 0xff belongs
            """)
    void judgesTheIpv4MappedPrefixOfAnIpv6Address(String hex, String key) throws Exception {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);

        assertThat(SourceAddress.of(java.net.Inet6Address.getByAddress(null, bytes, -1)).key()).isEqualTo(key);
    }
}
