package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.google.common.net.InetAddresses;
import health.registration.core.model.Parsed;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # text               | network     | prefix | reason
        127.0.0.2/32         | 127.0.0.2   | 32     | a single IPv4 address
        10.0.0.0/8           | 10.0.0.0    | 8      | a byte-aligned IPv4 network
        172.16.0.0/12        | 172.16.0.0  | 12     | a prefix that ends inside a byte
        0.0.0.0/0            | 0.0.0.0     | 0      | every IPv4 address
        127.0.0.2            | 127.0.0.2   | 32     | a bare IPv4 address means /32
        2001:db8::/32        | 2001:db8::  | 32     | an IPv6 network
        2001:DB8::/32        | 2001:db8::  | 32     | IPv6 hex digits are case-insensitive
        ::1                  | ::1         | 128    | a bare IPv6 address means /128
        ::/0                 | ::          | 0      | every IPv6 address
        ::127.0.0.0/104      | ::7f00:0    | 104    | an IPv4-compatible range stays IPv6
        """)
    void parsesRangesInCidrNotation(String text, String network, int prefix, String reason) {
        Parsed<Cidr> parsed = Cidr.parse(text);

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.value()).isEqualTo(new Cidr(InetAddresses.forString(network), prefix));
        assertThat(parsed.value()).hasToString(network + "/" + prefix);
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        # text              | problem                            | reason
        ""                  | is empty                           | nothing to read
        127.1/32            | not an IPv4 address in dotted-quad | short forms mean 127.0.0.1 to some resolvers only
        127.1               | not an IPv4 address in dotted-quad | idem, bare
        010.0.0.1/32        | not an IPv4 address in dotted-quad | leading zeros are octal to glibc, decimal to Java
        2130706433          | not an IPv4 address in dotted-quad | an address as one integer
        0x7f000001          | not an IPv4 address in dotted-quad | an address in hexadecimal
        localhost           | not an IPv4 address in dotted-quad | names are never resolved
        example.com/32      | not an IPv4 address in dotted-quad | names are never resolved, even with a prefix
        fe80::1%1/128       | not an IPv4 address in dotted-quad | a zone names an interface of this host
        [::1]/128           | not an IPv4 address in dotted-quad | URL brackets are not part of an address
        " 127.0.0.1/32"     | not an IPv4 address in dotted-quad | a single range is not trimmed
        /8                  | not an IPv4 address in dotted-quad | a prefix without an address
        ::ffff:10.0.0.0/104 | write the range in IPv4 form       | a mapped range would be read as IPv4 with a /104 prefix
        127.0.0.1/33        | whole number from 0 to 32          | beyond the IPv4 width
        ::1/129             | whole number from 0 to 128         | beyond the IPv6 width
        127.0.0.1/-1        | whole number from 0 to 32          | negative
        127.0.0.1/+8        | whole number from 0 to 32          | a sign
        10.0.0.0/08         | whole number from 0 to 32          | a leading zero
        127.0.0.1/          | whole number from 0 to 32          | an empty prefix
        127.0.0.1/32/32     | whole number from 0 to 32          | two prefixes
        10.0.0.0/ 8         | whole number from 0 to 32          | a space inside the range
        10.0.0.1/8          | host bits set                      | the address is not the network address
        10.0.0.1/8          | the network is 10.0.0.0/8          | the problem says what was meant
        172.17.0.0/12       | host bits set                      | a host bit inside the last prefix byte
        2001:db8::1/32      | host bits set                      | IPv6 host bits
        """)
    void refusesTextThatIsNotOneCanonicalRange(String text, String problem, String reason) {
        assertThat(Cidr.parse(text).problem()).contains(problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @NullSource
    @ValueSource(strings = {"", " ", " \t "})
    void readsAMissingOrBlankListAsNoRanges(String text) {
        assertThat(Cidr.parseList(text).value()).isEmpty();
    }

    @Test
    void readsACommaSeparatedListTrimmingEachEntry() {
        assertThat(Cidr.parseList(" 127.0.0.2/32, 127.0.0.3/32 ,2001:db8::/32").value()).containsExactly(
                Cidr.parse("127.0.0.2/32").value(), Cidr.parse("127.0.0.3/32").value(),
                Cidr.parse("2001:db8::/32").value());
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # text                          | problem                                   | reason
        127.0.0.2/32, 10.0.0.1/8        | entry 2 has host bits set                 | the bad entry is named by its position
        127.1, 127.0.0.2/32             | entry 1 is not an IPv4 address            | the first entry
        127.0.0.2/32,,127.0.0.3/32      | entry 2 is empty                          | an empty entry between commas
        127.0.0.2/32,                   | entry 2 is empty                          | a trailing comma
        127.0.0.2/32; 127.0.0.3/32      | entry 1 has a prefix length               | semicolons are not separators
        """)
    void refusesTheWholeListWhenOneEntryIsBad(String text, String problem, String reason) {
        assertThat(Cidr.parseList(text).problem()).startsWith(problem);
    }

    @Test
    void namesABadEntryWithoutEchoingItsText() {
        Parsed<List<Cidr>> parsed = Cidr.parseList("127.0.0.2/32, <script>alert(1)</script>/32");

        assertThat(parsed.problem()).startsWith("entry 2 ").doesNotContain("script").doesNotContain("127.0.0.2");
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # range             | address                | contained | reason
        10.0.0.0/8          | 10.0.0.0               | true      | first address
        10.0.0.0/8          | 10.255.255.255         | true      | last address
        10.0.0.0/8          | 9.255.255.255          | false     | just below
        10.0.0.0/8          | 11.0.0.0               | false     | just above
        172.16.0.0/12       | 172.31.255.255         | true      | last address of a prefix ending inside a byte
        172.16.0.0/12       | 172.32.0.0             | false     | just above it
        127.0.0.2/32        | 127.0.0.2              | true      | the single address
        127.0.0.2/32        | 127.0.0.1              | false     | its neighbour
        0.0.0.0/0           | 255.255.255.255        | true      | /0 holds every IPv4 address
        0.0.0.0/0           | ::1                    | false     | but no IPv6 address
        ::/0                | 127.0.0.1              | false     | and ::/0 no IPv4 address
        ::/0                | ffff::                 | true      | /0 holds every IPv6 address
        2001:db8::/32       | 2001:db8:ffff::1       | true      | inside an IPv6 network
        2001:db8::/32       | 2001:db9::             | false     | just above it
        ::127.0.0.0/104     | 127.0.0.1              | false     | an IPv6 range never holds the IPv4 address it embeds
        """)
    void containsOnlyAddressesOfItsOwnFamilyWithinThePrefix(String range, String address, boolean contained,
                                                          String reason) {
        assertThat(Cidr.parse(range).value().contains(InetAddresses.forString(address))).isEqualTo(contained);
    }

    @Test
    void neverContainsAnIpv6AddressInAnIpv4RangeEvenWhenItIsTheMappedForm() {
        assertThat(Cidr.parse("127.0.0.0/8").value().contains(rawIpv6("00000000000000000000ffff7f000001"))).isFalse();
    }

    @Test
    void neverContainsAnIpv4AddressInTheIpv4MappedIpv6Range() {
        Cidr mapped = new Cidr(rawIpv6("00000000000000000000ffff00000000"), 96);

        assertThat(mapped.contains(InetAddresses.forString("127.0.0.1"))).isFalse();
        assertThat(mapped.contains(rawIpv6("00000000000000000000ffff7f000001"))).isTrue();
    }

    @Test
    void containsNoNullAddress() {
        assertThat(Cidr.parse("0.0.0.0/0").value().contains(null)).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
        # network     | prefix | reason
        10.0.0.0      | -1     | negative prefix
        10.0.0.0      | 33     | beyond the IPv4 width
        ::            | 129    | beyond the IPv6 width
        10.0.0.1      | 8      | host bits set
        """)
    void refusesToConstructAnInvalidRange(String network, int prefix, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Cidr(InetAddresses.forString(network), prefix));
    }

    @Test
    void refusesToConstructARangeWithoutANetwork() {
        assertThatNullPointerException().isThrownBy(() -> new Cidr(null, 0));
    }

    private static InetAddress rawIpv6(String hex) {
        try {
            return Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), null);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
