package health.registration.adapters.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostsFileTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            11.22.33.44 ok.example.com                    | ok.example.com     | one address, one name
            11.22.33.44 ok.example.com www.example.com    | www.example.com    | aliases share the address
            11.22.33.44 OK.Example.COM                    | ok.example.com     | names are stored in lower case
            11.22.33.44 ok.example.com.                   | ok.example.com     | one trailing dot is dropped
            11.22.33.44\tok.example.com                   | ok.example.com     | tabs separate fields
            '  11.22.33.44   ok.example.com  '            | ok.example.com     | surrounding blanks are ignored
            11.22.33.44 ok.example.com # the test server  | ok.example.com     | a comment may end a line
            """)
    void readsOneLine(String line, String name, String reason) {
        assertThat(HostsFile.parse(List.of(line)).lookup(name)).as(reason).contains(List.of(address("11.22.33.44")));
    }

    @Test
    void collectsAddressesForANameFromSeveralLinesInFileOrder() {
        HostsFile hosts = parse("""
                # probe test hosts
                2a0f:dead:beef::2 ok.example.com

                11.22.33.44 ok.example.com other.example.com
                11.22.33.45 ok.example.com
                11.22.33.44 ok.example.com
                """);

        assertThat(hosts.lookup("ok.example.com")).contains(List.of(
                address("2a0f:dead:beef::2"), address("11.22.33.44"), address("11.22.33.45")));
        assertThat(hosts.lookup("other.example.com")).contains(List.of(address("11.22.33.44")));
    }

    @Test
    void looksNamesUpIgnoringCaseAndOneTrailingDot() {
        HostsFile hosts = parse("11.22.33.44 ok.example.com");

        assertThat(hosts.lookup("OK.EXAMPLE.COM.")).isPresent();
        assertThat(hosts.lookup("ok.example.com..")).isEmpty();
        assertThat(hosts.lookup("example.com")).isEmpty();
        assertThat(hosts.lookup(null)).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            11.22.33.44                    | a line with an address but no name
            ok.example.com 11.22.33.44     | a name where the address belongs
            127.1 ok.example.com           | an abbreviated IPv4 form Guava refuses
            2130706433 ok.example.com      | a bare number
            0x7f.0.0.1 ok.example.com      | a hexadecimal part
            999.1.1.1 ok.example.com       | an octet over 255
            localhost ok.example.com       | a name, which would need DNS
            """)
    void refusesAMalformedLineNamingItsNumber(String line, String reason) {
        assertThatThrownBy(() -> parse("# header\n\n" + line)).as(reason)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hosts file line 3:");
    }

    @Test
    void readsAFile(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("hosts"), "11.22.33.44 ok.example.com\n",
                StandardCharsets.UTF_8);

        assertThat(HostsFile.read(file).lookup("ok.example.com")).contains(List.of(address("11.22.33.44")));
    }

    @Test
    void anEmptyFileKnowsNoName() {
        assertThat(HostsFile.empty().lookup("ok.example.com")).isEmpty();
        assertThat(parse("\n# nothing\n").lookup("ok.example.com")).isEmpty();
    }

    private static HostsFile parse(String text) {
        return HostsFile.parse(Arrays.asList(text.split("\n", -1)));
    }

    private static InetAddress address(String literal) {
        return InetAddresses.forString(literal);
    }
}
