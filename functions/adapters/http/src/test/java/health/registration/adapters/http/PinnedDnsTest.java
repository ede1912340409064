package health.registration.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedDnsTest {

    private final List<InetAddress> checked =
            List.of(InetAddresses.forString("11.22.33.44"), InetAddresses.forString("2a0f:dead:beef::2"));
    private final PinnedDns dns = new PinnedDns("ok.example.com", checked);

    @Test
    void answersTheCheckedHostWithExactlyTheCheckedAddresses() throws Exception {
        assertThat(dns.lookup("ok.example.com")).containsExactlyElementsOf(checked);
        assertThat(dns.lookup("OK.example.com")).containsExactlyElementsOf(checked);
    }

    @Test
    void resolvesNoOtherName() {
        for (String other : List.of("other.example.com", "example.com", "localhost", "ok.example.com.evil.example")) {
            assertThatThrownBy(() -> dns.lookup(other)).as(other).isInstanceOf(UnknownHostException.class);
        }
    }
}
