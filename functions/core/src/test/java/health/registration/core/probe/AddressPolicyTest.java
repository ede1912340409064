package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Policy section 5: public unicast only, plus the test seam of {@code PROBE_ALLOWED_CIDRS}. */
class AddressPolicyTest {

    private static final AddressPolicy PUBLIC_ONLY = AddressPolicy.publicOnly();
    private static final AddressPolicy LOOPBACK_SERVER_EXEMPT =
            AddressPolicy.allowing(Cidr.parseList("127.0.0.2/32").value());

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # address        | public only | with 127.0.0.2/32 exempt | reason
        127.0.0.2        | false       | true                     | the exempted test server
        127.0.0.1        | false       | false                    | the rest of loopback stays refused
        127.0.0.3        | false       | false                    | the exemption is a single address
        10.0.0.1         | false       | false                    | private addresses stay refused
        169.254.169.254  | false       | false                    | the metadata service stays refused
        ::1              | false       | false                    | an IPv4 exemption says nothing about IPv6 loopback
        8.8.8.8          | true        | true                     | public addresses are always permitted
        2606:4700:4700::1111 | true    | true                     | public IPv6 too
        """)
    void permitsPublicAddressesAndOnlyTheExemptedRangesBesides(String address, boolean publicOnly, boolean exempt,
                                                               String reason) {
        InetAddress literal = InetAddresses.forString(address);

        assertThat(PUBLIC_ONLY.permits(literal)).as("public only").isEqualTo(publicOnly);
        assertThat(LOOPBACK_SERVER_EXEMPT.permits(literal)).as("with the exemption").isEqualTo(exempt);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
        # address        | reason
        127.0.0.2        | refused by one policy, permitted by the other
        10.0.0.1         | refused by both
        8.8.8.8          | permitted by both
        fd00:ec2::254    | refused IPv6
        """)
    void givesARefusalTextExactlyWhenItRefuses(String address, String reason) {
        InetAddress literal = InetAddresses.forString(address);

        for (AddressPolicy policy : List.of(PUBLIC_ONLY, LOOPBACK_SERVER_EXEMPT)) {
            assertThat(policy.refusal(literal).isPresent()).isEqualTo(!policy.permits(literal));
            policy.refusal(literal).ifPresent(text -> assertThat(text).isNotBlank());
        }
    }

    @Test
    void namesTheRangeOfARefusedAddress() {
        assertThat(PUBLIC_ONLY.refusal(InetAddresses.forString("127.0.0.2"))).contains("a loopback address (RFC 1122)");
        assertThat(LOOPBACK_SERVER_EXEMPT.refusal(InetAddresses.forString("10.0.0.1")))
                .contains("a private address (RFC 1918)");
    }

    @Test
    void refusesAMissingAddress() {
        assertThat(PUBLIC_ONLY.permits(null)).isFalse();
        assertThat(LOOPBACK_SERVER_EXEMPT.refusal(null)).contains("no address");
    }

    @Test
    void exemptsOnlyAddressesInsideItsRanges() {
        assertThat(LOOPBACK_SERVER_EXEMPT.exempted(InetAddresses.forString("127.0.0.2"))).isTrue();
        assertThat(LOOPBACK_SERVER_EXEMPT.exempted(InetAddresses.forString("127.0.0.3"))).as("loopback, not in the range")
                .isFalse();
        assertThat(LOOPBACK_SERVER_EXEMPT.exempted(InetAddresses.forString("11.22.33.44"))).isFalse();
        assertThat(PUBLIC_ONLY.exempted(InetAddresses.forString("127.0.0.2"))).isFalse();
    }

    @Test
    void exemptsNothingInProduction() {
        assertThat(PUBLIC_ONLY.exemptions()).isEmpty();
        assertThat(LOOPBACK_SERVER_EXEMPT.exemptions()).containsExactly(Cidr.parse("127.0.0.2/32").value());
    }

    @Test
    void refusesScopedAddressesEvenInsideAnExemptedRange() throws Exception {
        AddressPolicy linkLocalExempt = AddressPolicy.allowing(List.of(Cidr.parse("fe80::/10").value()));
        byte[] fe80 = InetAddresses.forString("fe80::1").getAddress();

        assertThat(linkLocalExempt.permits(java.net.Inet6Address.getByAddress(null, fe80, null))).isTrue();
        assertThat(linkLocalExempt.refusal(java.net.Inet6Address.getByAddress(null, fe80, 3)))
                .contains("a scoped address (RFC 4007)");
    }
}
