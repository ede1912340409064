package health.registration.adapters.http;

import health.registration.adapters.dns.HostsFile;
import static health.registration.adapters.http.FetcherFixture.CERTS;
import static health.registration.adapters.http.FetcherFixture.LOOPBACK;
import static health.registration.adapters.http.RecordingDialer.FAKE_PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import health.registration.adapters.http.SsrfVectors.Vector;
import health.registration.core.model.WebUrl;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SSRF vector of {@link SsrfVectors} pushed through the whole prober as production wires it, with the
 * unmodified {@code AddressPolicy.publicOnly()}: each must be refused at its stage with no connection made. Counting
 * listeners on the loopback default ports would see any connection that slipped past the checks, and the recording
 * dialer below the guard refuses to leave the machine, so a prober bug can fail a row but never send a packet out.
 */
class SsrfVectorsIT {

    private static final HostsFile HOSTS = HostsFile.parse(SsrfVectors.HOSTS);
    private static final String REBOUND = "rebind.example.com";
    private static final InetAddress PRIVATE = InetAddresses.forString("10.0.0.1");

    @TempDir
    static Path directory;

    private static LoopbackSentinels sentinels;
    private static X509TrustManager trust;

    @BeforeAll
    static void watchTheLoopbackPortsAndTrustTheTestCa() throws Exception {
        sentinels = LoopbackSentinels.bind();
        // The PROBE_TRUSTED_CA_FILE seam: the JDK's anchors plus the test root, read from PEM.
        Path pem = Files.writeString(directory.resolve("test-ca.pem"), CERTS.root.certificatePem(),
                StandardCharsets.US_ASCII);
        trust = TrustedCertificates.platformAnd(pem);
    }

    @AfterAll
    static void closeTheListeners() throws Exception {
        if (sentinels != null) {
            sentinels.close();
        }
    }

    static Stream<Arguments> vectors() {
        return SsrfVectors.ALL.stream().map(vector -> Arguments.of(Named.of(vector.displayName(), vector)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("vectors")
    void refusesEveryVectorWithoutConnecting(Vector vector) throws Exception {
        String row = vector.displayName();
        assertThat(sentinels.newConnections()).as("%s: connections left over from an earlier test", row).isEmpty();
        try (ProbingStack stack = new ProbingStack(HOSTS, ProbingStack.nothingResolves(), trust, new RecordingDialer())) {
            ProbeResult result = stack.probe(vector.member(), vector.url());

            assertThat(result.outcome()).as("%s: outcome (%s)", row, result.description()).isEqualTo(vector.refusal());
            assertThat(result.verdict()).as("%s: verdict", row).isEqualTo(verdictFor(vector.member()));
            assertThat(stack.dialer().attempts()).as("%s: endpoints the guard let through to the dialer", row).isEmpty();
            assertThat(sentinels.newConnections()).as("%s: connections accepted on loopback", row).isEmpty();
            if (vector.refusal() == ProbeOutcome.DNS_ERROR) {
                assertThat(stack.lookups()).as("%s: names looked up", row).containsExactly(hostOf(vector.url()));
            } else {
                // Refused URLs are never resolved, and hosts-file names never reach the lookup.
                assertThat(stack.lookups()).as("%s: names looked up", row).isEmpty();
            }
            if (vector.refusal() == ProbeOutcome.NOT_PUBLIC) {
                assertThat(result.addresses()).as("%s: the addresses checked and refused", row)
                        .containsExactlyElementsOf(mappedAddresses(hostOf(vector.url())));
            } else {
                assertThat(result.addresses()).as("%s: addresses resolved", row).isEmpty();
            }
        }
    }

    @Test
    void theTableHoldsAtLeastSixtyVectorsOfEveryRefusalAndUsesEveryMappedName() {
        assertThat(SsrfVectors.ALL).hasSizeGreaterThanOrEqualTo(60)
                .extracting(Vector::refusal).contains(ProbeOutcome.INVALID_URL, ProbeOutcome.NOT_PUBLIC,
                        ProbeOutcome.DNS_ERROR);
        assertThat(SsrfVectors.ALL).extracting(Vector::url).doesNotHaveDuplicates();
        Set<String> probedNames = SsrfVectors.ALL.stream().filter(v -> v.refusal() == ProbeOutcome.NOT_PUBLIC)
                .map(v -> hostOf(v.url())).collect(Collectors.toSet());
        Set<String> mappedNames = SsrfVectors.HOSTS.stream()
                .flatMap(line -> Arrays.stream(line.split(" ")).skip(1)).collect(Collectors.toSet());
        assertThat(probedNames).containsExactlyInAnyOrderElementsOf(mappedNames);
    }

    @Test
    void refusesANameWhoseFirstAnswerIsPrivateEvenThoughLaterAnswersArePublic() throws Exception {
        AtomicInteger answers = new AtomicInteger();
        try (ProbingStack stack = new ProbingStack(HostsFile.empty(),
                host -> new InetAddress[] {answers.getAndIncrement() == 0 ? PRIVATE : FAKE_PUBLIC}, trust,
                new RecordingDialer())) {
            ProbeResult result = stack.probe("redirect_uris", "https://" + REBOUND + "/callback");

            assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
            assertThat(result.verdict()).isEqualTo(ProbeVerdict.FAIL);
            assertThat(result.addresses()).containsExactly("10.0.0.1");
            assertThat(stack.lookups()).as("one lookup, whose answer decided").containsExactly(REBOUND);
            assertThat(stack.dialer().attempts()).isEmpty();
            assertThat(sentinels.newConnections()).isEmpty();
        }
    }

    @Test
    void connectsOnlyToTheCheckedAddressWhenTheNameLaterRebindsToLoopback() throws Exception {
        try (FetcherFixture fixture = new FetcherFixture()) {
            MockWebServer server = fixture.server(LOOPBACK, TestCertificates.serving(CERTS.leaf(REBOUND), CERTS.root));
            server.enqueue(new MockResponse.Builder().body("callback").build());
            fixture.dialer.forward(443, new InetSocketAddress(LOOPBACK, server.getPort()));
            AtomicInteger answers = new AtomicInteger();
            try (ProbingStack stack = new ProbingStack(HostsFile.empty(),
                    host -> new InetAddress[] {answers.getAndIncrement() == 0 ? FAKE_PUBLIC : LOOPBACK}, trust,
                    fixture.dialer)) {
                ProbeResult result = stack.probe("redirect_uris", "https://" + REBOUND + "/callback");

                assertThat(result.outcome()).as(result.description()).isEqualTo(ProbeOutcome.OK);
                assertThat(result.verdict()).isEqualTo(ProbeVerdict.PASS);
                assertThat(result.addresses()).containsExactly("11.22.33.44");
                assertThat(server.getRequestCount()).as("requests the fixture served").isEqualTo(1);
                RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
                assertThat(sent.getHandshakeServerNames()).containsExactly(REBOUND);
                assertThat(sent.getHeaders().get("Host")).isEqualTo(REBOUND);
                assertThat(stack.lookups()).as("the name was resolved once and pinned").containsExactly(REBOUND);
                assertThat(fixture.dialer.attempts()).as("endpoints dialled")
                        .containsExactly(new InetSocketAddress(FAKE_PUBLIC, 443));
                assertThat(sentinels.newConnections()).as("connections accepted on loopback").isEmpty();

                // Testing without weakening the guard (docs/security.md) item 4: a re-probe resolves again, sees
                // loopback and refuses it unconnected.
                ProbeResult again = stack.probe("redirect_uris", "https://" + REBOUND + "/callback");

                assertThat(again.outcome()).isEqualTo(ProbeOutcome.NOT_PUBLIC);
                assertThat(again.addresses()).containsExactly("127.0.0.1");
                assertThat(stack.lookups()).containsExactly(REBOUND, REBOUND);
                assertThat(fixture.dialer.attempts()).containsExactly(new InetSocketAddress(FAKE_PUBLIC, 443));
                assertThat(server.getRequestCount()).isEqualTo(1);
                assertThat(sentinels.newConnections()).as("connections accepted on loopback").isEmpty();
            }
        }
    }

    private static ProbeVerdict verdictFor(String member) {
        boolean terms = member.startsWith("tos_uri") || member.startsWith("policy_uri");
        return terms ? ProbeVerdict.WARNING : ProbeVerdict.FAIL;
    }

    private static String hostOf(String url) {
        return WebUrl.parse(url).toOptional().orElseThrow().host();
    }

    private static List<String> mappedAddresses(String host) {
        return HOSTS.lookup(host).orElseThrow().stream().map(InetAddress::getHostAddress).toList();
    }
}
