package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.port.MutableClock;
import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.ProbeNetwork;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CRLs fetched through the prober's network under the SSRF rules (docs/security.md, "The fetch pipeline"), and cached.
 * */
class ProbedCrlSourceTest {

    private static final TestPki PKI = TestPki.create("alpha");
    private static final String URL = "http://crl.alpha.example.com/intermediate.crl";
    private static final int MAX_BYTES = 64 * 1024;

    private final MutableClock clock = MutableClock.at(TestPki.NOW);
    private final StaticNameResolver resolver = new StaticNameResolver().answer("crl.alpha.example.com", "11.22.33.44");
    private final ScriptedCrlFetcher fetcher = new ScriptedCrlFetcher();
    private final ProbedCrlSource source = new ProbedCrlSource(new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()),
            clock, MAX_BYTES);

    private static byte[] der(X509CRL crl) throws Exception {
        return crl.getEncoded();
    }

    @Test
    void fetchesADerCrlPinnedToTheCheckedAddressesForTheCrlPurpose() throws Exception {
        X509CRL crl = PKI.intermediateCrl();
        fetcher.page(URL, der(crl));

        assertThat(source.crl(URI.create(URL))).contains(crl);

        FetchRequest request = fetcher.requests.get(0);
        assertThat(request.url()).isEqualTo(URL);
        assertThat(request.host()).isEqualTo("crl.alpha.example.com");
        assertThat(request.addresses()).extracting(InetAddress::getHostAddress).containsExactly("11.22.33.44");
        assertThat(request.purpose()).isEqualTo(FetchPurpose.CRL);
        assertThat(request.maxBodyBytes()).isEqualTo(MAX_BYTES);
    }

    @Test
    void readsAPemCrl() {
        X509CRL crl = PKI.rootCrl();
        fetcher.page(URL, TestPki.pem(crl).getBytes(StandardCharsets.US_ASCII));

        assertThat(source.crl(URI.create(URL))).contains(crl);
    }

    @Test
    void acceptsAnHttpsUrlAndAnExplicitDefaultPort() throws Exception {
        fetcher.page("https://crl.alpha.example.com/a.crl", der(PKI.rootCrl()));
        fetcher.page("http://crl.alpha.example.com:80/b.crl", der(PKI.rootCrl()));

        assertThat(source.crl(URI.create("https://crl.alpha.example.com/a.crl"))).isPresent();
        assertThat(source.crl(URI.create("http://crl.alpha.example.com:80/b.crl"))).isPresent();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "http://127.0.0.1/crl", "http://[::1]/crl", "http://10.0.0.8/crl", "http://169.254.169.254/latest/meta-data",
        "http://2130706433/crl", "http://0x7f000001/crl", "http://localhost/crl", "http://metadata.google.internal/crl",
        "http://crl.example.test/crl", "http://user:pw@crl.alpha.example.com/intermediate.crl",
        "http://crl.alpha.example.com:8080/intermediate.crl", "https://crl.alpha.example.com:80/intermediate.crl",
        "ldap://crl.alpha.example.com/cn=crl", "ftp://crl.alpha.example.com/intermediate.crl", "file:///etc/passwd",
        "http://crl.alpha.example.com/intermediate.crl#part", "crl.alpha.example.com/intermediate.crl"})
    void refusesUrlsThatAreNotPublicWebUrlsWithoutLookingThemUp(String url) {
        assertThat(source.crl(URI.create(url))).isEmpty();

        assertThat(resolver.lookups).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "169.254.169.254", "100.64.0.1", "fd00:ec2::254", "::ffff:192.168.0.1"})
    void refusesANameWithAnyNonPublicAddressWithoutFetching(String address) throws Exception {
        resolver.answer("crl.alpha.example.com", "11.22.33.44", address);
        fetcher.page(URL, der(PKI.rootCrl()));

        assertThat(source.crl(URI.create(URL))).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void isEmptyWhenTheNameDoesNotResolve() {
        assertThat(source.crl(URI.create("http://crl.unknown.example.com/x.crl"))).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void isEmptyWhenTheFetchFails() {
        assertThat(source.crl(URI.create(URL))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] status {0}")
    @ValueSource(ints = {404, 500, 301, 204, 206})
    void isEmptyForAnyStatusButOk(int status) throws Exception {
        fetcher.page(URL, status, der(PKI.rootCrl()), false);

        assertThat(source.crl(URI.create(URL))).isEmpty();
    }

    @Test
    void isEmptyForATruncatedBody() throws Exception {
        fetcher.page(URL, 200, der(PKI.rootCrl()), true);

        assertThat(source.crl(URI.create(URL))).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "not a crl", "-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n", "<html>404</html>"})
    void isEmptyForABodyThatIsNotACrl(String body) {
        fetcher.page(URL, body.getBytes(StandardCharsets.UTF_8));

        assertThat(source.crl(URI.create(URL))).isEmpty();
    }

    @Test
    void isEmptyForACertificateInsteadOfACrl() throws Exception {
        fetcher.page(URL, PKI.root().certificate().getEncoded());

        assertThat(source.crl(URI.create(URL))).isEmpty();
    }

    @Test
    void keepsACrlUntilItsNextUpdateThenFetchesItAgain() throws Exception {
        fetcher.page(URL, der(PKI.intermediateCrl())); // next update in seven days

        Optional<X509CRL> first = source.crl(URI.create(URL));
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        Optional<X509CRL> cached = source.crl(URI.create(URL));
        assertThat(fetcher.requests).hasSize(1);
        assertThat(cached).isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(source.crl(URI.create(URL))).isPresent();
        assertThat(fetcher.requests).hasSize(2);
    }

    @Test
    void keepsACrlWithoutNextUpdateForAnHour() throws Exception {
        fetcher.page(URL, der(PKI.intermediate().crl(TestPki.NOW.minusSeconds(60), null)));

        source.crl(URI.create(URL));
        clock.advance(Duration.ofMinutes(59));
        source.crl(URI.create(URL));
        assertThat(fetcher.requests).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        source.crl(URI.create(URL));
        assertThat(fetcher.requests).hasSize(2);
    }

    @Test
    void answersConcurrentCallersWithTheSameCrl() throws Exception {
        X509CRL crl = PKI.intermediateCrl();
        fetcher.page(URL, der(crl));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<X509CRL>>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> source.crl(URI.create(URL))));
            }
            for (Future<Optional<X509CRL>> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).contains(crl);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fetcher.requests).hasSizeBetween(1, 8);
    }

    @Test
    void doesNotRememberAFailure() throws Exception {
        fetcher.page(URL, 503, new byte[0], false);
        assertThat(source.crl(URI.create(URL))).isEmpty();

        fetcher.page(URL, der(PKI.rootCrl()));
        assertThat(source.crl(URI.create(URL))).isPresent();
        assertThat(fetcher.requests).hasSize(2);
    }

    @ParameterizedTest(name = "maxBytes {0}")
    @ValueSource(ints = {0, -1})
    void refusesALimitThatIsNotPositive(int maxBytes) {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> new ProbedCrlSource(
                new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()), clock, maxBytes))
                .withMessageContaining("maxBytes must be positive");
    }
}
