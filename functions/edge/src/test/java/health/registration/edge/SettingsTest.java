package health.registration.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://example.com/register", "http://127.0.0.1:3000/manual"})
    void readsTheManualRegistrationUrl(String url) {
        Settings settings = new Settings(Map.of(Settings.MANUAL_REGISTRATION_URL, url));

        assertThat(settings.policyContext().manualRegistrationUrl()).hasToString(url);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "example.com/register", "ftp://example.com/", "https:///x", "https://exa mple.com/"})
    void refusesToStartWithoutAUsableManualRegistrationUrl(String url) {
        Settings settings = new Settings(Map.of(Settings.MANUAL_REGISTRATION_URL, url));

        assertThatThrownBy(settings::manualRegistrationUrl)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Settings.MANUAL_REGISTRATION_URL);
    }

    @org.junit.jupiter.api.Test
    void refusesToStartWhenTheManualRegistrationUrlIsUnset() {
        assertThatThrownBy(() -> new Settings(Map.of()).manualRegistrationUrl()).hasMessageContaining("must be set");
    }

    @org.junit.jupiter.api.Test
    void probesOnlyPublicAddressesWithNoSeamSet() {
        var probe = new Settings(Map.of()).probeConfiguration();

        assertThat(probe.hostsFile()).isEmpty();
        assertThat(probe.trustedCaFile()).isEmpty();
        assertThat(probe.allowedCidrs()).isEmpty();
        assertThat(probe.addressPolicy().permits(com.google.common.net.InetAddresses.forString("127.0.0.1"))).isFalse();
        assertThat(probe.termsFailuresAreErrors()).isFalse();
        assertThat(probe.userAgent()).isEqualTo("FHIR-Client-Registration-URL-Probe/1.0");
    }

    @org.junit.jupiter.api.Test
    void readsTheTestSeamsWhenSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path hosts = java.nio.file.Files.writeString(dir.resolve("hosts"), "127.0.0.2 ok.example.com\n");
        java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        var probe = new Settings(Map.of(Settings.PROBE_HOSTS_FILE, hosts.toString(), Settings.PROBE_TRUSTED_CA_FILE, ca.toString(),
                Settings.PROBE_ALLOWED_CIDRS, "127.0.0.2/32, 127.0.0.3", Settings.TOS_POLICY_PROBE_FAILURES, "error",
                Settings.PUBLIC_BASE_URL, "https://registration.example.com", Settings.PROBE_TEST_SEAMS, "allowed"))
                .probeConfiguration();

        assertThat(probe.hostsFile()).contains(hosts);
        assertThat(probe.trustedCaFile()).contains(ca);
        assertThat(probe.allowedCidrs()).hasSize(2);
        assertThat(probe.addressPolicy().permits(com.google.common.net.InetAddresses.forString("127.0.0.3"))).isTrue();
        assertThat(probe.addressPolicy().permits(com.google.common.net.InetAddresses.forString("127.0.0.1"))).isFalse();
        assertThat(probe.termsFailuresAreErrors()).isTrue();
        assertThat(probe.userAgent()).isEqualTo("FHIR-Client-Registration-URL-Probe/1.0 (+https://registration.example.com)");
    }

    @ParameterizedTest(name = "{0}={1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "PROBE_ALLOWED_CIDRS, 127.1/32",
        "PROBE_ALLOWED_CIDRS, 10.0.0.1/8",
        "PROBE_HOSTS_FILE, /nonexistent/hosts",
        "PROBE_TRUSTED_CA_FILE, /nonexistent/ca.pem",
        "TOS_POLICY_PROBE_FAILURES, fatal",
    })
    void refusesToStartWithAMalformedProbeSetting(String name, String value) {
        assertThatThrownBy(() -> new Settings(Map.of(name, value, Settings.PROBE_TEST_SEAMS, "allowed")).probeConfiguration())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(name);
    }

    @ParameterizedTest(name = "{0} with PROBE_TEST_SEAMS=''{1}''")
    @org.junit.jupiter.params.provider.CsvSource({
        "PROBE_HOSTS_FILE, ''",
        "PROBE_TRUSTED_CA_FILE, ''",
        "PROBE_ALLOWED_CIDRS, ''",
        "PROBE_ALLOWED_CIDRS, yes",
        "PROBE_ALLOWED_CIDRS, Allowed",
        "PROBE_ALLOWED_CIDRS, true",
    })
    void refusesToStartWithATestSeamUnlessTheGuardAllowsIt(String seam, String guard) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(seam, "127.0.0.2/32"));
        if (!guard.isEmpty()) {
            environment.put(Settings.PROBE_TEST_SEAMS, guard);
        }

        assertThatThrownBy(() -> new Settings(environment).probeConfiguration())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(seam).hasMessageContaining("PROBE_TEST_SEAMS=allowed");
    }

    @org.junit.jupiter.api.Test
    void namesEverySeamThatIsSetWithoutTheGuard() {
        assertThatThrownBy(() -> new Settings(Map.of(Settings.PROBE_HOSTS_FILE, "/etc/hosts",
                Settings.PROBE_ALLOWED_CIDRS, "10.0.0.0/8")).probeConfiguration())
                .hasMessageStartingWith("PROBE_HOSTS_FILE, PROBE_ALLOWED_CIDRS is a test seam");
    }

    @org.junit.jupiter.api.Test
    void startsWithABlankSeamWithoutTheGuard() {
        // A blank seam is not read, so it widens nothing.
        var probe = new Settings(Map.of(Settings.PROBE_ALLOWED_CIDRS, " ")).probeConfiguration();

        assertThat(probe.allowedCidrs()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theGuardAloneWidensNothing() {
        var probe = new Settings(Map.of(Settings.PROBE_TEST_SEAMS, "allowed")).probeConfiguration();

        assertThat(probe.addressPolicy().permits(com.google.common.net.InetAddresses.forString("127.0.0.1"))).isFalse();
        assertThat(probe.hostsFile()).isEmpty();
    }
}
