package health.registration.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1,      127.0.0.1",
        "127.1,          127.0.0.1",
        "127.0.1,        127.0.0.1",
        "2130706433,     127.0.0.1",
        "0x7f000001,     127.0.0.1",
        "0x7f.1,         127.0.0.1",
        "0177.0.0.1,     127.0.0.1",
        "017700000001,   127.0.0.1",
        "010.0.0.1,      8.0.0.1",
        "169.254.169.254, 169.254.169.254",
        "0xA9FEA9FE,     169.254.169.254",
        "1.2.3.0x4,      1.2.3.4",
        "0x,             0.0.0.0",
        "10.0.0.1.,      10.0.0.1",
    })
    void readsIpv4HostsAsBrowsersDo(String host, String address) {
        assertThat(IpLiteral.isLiteral(host)).isTrue();
        assertThat(IpLiteral.parse(host).value().getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"256.1.1.1", "1.2.3.4.5", "4294967296", "1.2.65536", "09.0.0.1", "0x.0xg.1", "1..2"})
    void refusesNumericHostsThatAreNoAddress(String host) {
        assertThat(IpLiteral.parse(host).isOk()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "1.example.com", "example.1com", "0xexample.com", "localhost"})
    void treatsNamesThatDoNotEndInANumberAsNames(String host) {
        assertThat(IpLiteral.isLiteral(host)).isFalse();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "[::1],               0:0:0:0:0:0:0:1",
        "[2001:db8::1],       2001:db8:0:0:0:0:0:1",
        "[::ffff:10.0.0.1],   10.0.0.1",
    })
    void readsBracketedIpv6Hosts(String host, String address) {
        assertThat(IpLiteral.isLiteral(host)).isTrue();
        assertThat(IpLiteral.parse(host).value().getHostAddress()).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[fe80::1%eth0]", "[1.2.3.4]", "[::g]", "[]"})
    void refusesInvalidIpv6Hosts(String host) {
        assertThat(IpLiteral.parse(host).isOk()).isFalse();
    }
}
