package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.FetchedPage;
import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeNetwork;
import health.registration.core.probe.ProbeOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ownership challenge is fetched under the prober's rules (docs/security.md, "The fetch pipeline"): https only, a
 * public DNS name whose every address is public, one GET pinned to them, no redirects, a body of at most a kilobyte.
 */
class ProbedChallengeSiteTest {

    private static final String URL = "https://app.example.com/.well-known/udap-certificate-challenge/token";

    private final List<FetchRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> addresses = Map.of("app.example.com", List.of("11.22.33.44"),
            "private.example.com", List.of("11.22.33.44", "10.0.0.8"), "metadata.example.com", List.of("169.254.169.254"));

    private ProbedChallengeSite site(int status, String body, boolean truncated) {
        return new ProbedChallengeSite(new ProbeNetwork(host -> resolve(host), request -> {
            requests.add(request);
            return new FetchedPage(status, "text/plain", status == 302 ? "https://elsewhere.example.com/" : null,
                    body.length(), body.getBytes(StandardCharsets.UTF_8), truncated, "11.22.33.44");
        }, AddressPolicy.publicOnly()));
    }

    private List<InetAddress> resolve(String host) throws ProbeFailure {
        try {
            List<InetAddress> found = new java.util.ArrayList<>();
            for (String address : addresses.getOrDefault(host, List.of())) {
                found.add(InetAddress.getByName(address));
            }
            return found;
        } catch (UnknownHostException e) {
            throw new ProbeFailure(ProbeOutcome.DNS_ERROR, "no such host");
        }
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
        # status | body          | truncated | reason
        200      | the-token     | false     | the whole body of a 200
        """)
    void readsTheWholeBodyOfA200PinnedToTheCheckedAddresses(int status, String body, boolean truncated, String reason) {
        assertThat(site(status, body, truncated).body(URL)).as(reason).contains(body);
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.purpose()).isEqualTo(FetchPurpose.CHALLENGE);
            assertThat(request.maxBodyBytes()).isEqualTo(ProbedChallengeSite.MAX_BYTES);
            assertThat(request.addresses()).extracting(InetAddress::getHostAddress).containsExactly("11.22.33.44");
        });
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', textBlock = """
        # status | body          | truncated | reason
        302      | ''            | false     | a redirect is not followed and answers nothing
        404      | the-token     | false     | not found
        200      | the-token     | true      | a body over the cap
        """)
    void answersNothingButA200WithItsWholeBody(int status, String body, boolean truncated, String reason) {
        assertThat(site(status, body, truncated).body(URL)).as(reason).isEmpty();
        assertThat(requests).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "http://app.example.com/.well-known/udap-certificate-challenge/token",
        "https://11.22.33.44/.well-known/udap-certificate-challenge/token",
        "https://[::1]/.well-known/udap-certificate-challenge/token",
        "https://user@app.example.com/.well-known/udap-certificate-challenge/token",
        "https://app.example.com:8443/.well-known/udap-certificate-challenge/token",
        "https://private.example.com/.well-known/udap-certificate-challenge/token",
        "https://metadata.example.com/.well-known/udap-certificate-challenge/token",
        "https://localhost/.well-known/udap-certificate-challenge/token",
    })
    void neverFetchesWhatIsNotHttpsOnAPublicName(String url) {
        assertThat(site(200, "the-token", false).body(url)).isEmpty();
        assertThat(requests).isEmpty();
    }
}
