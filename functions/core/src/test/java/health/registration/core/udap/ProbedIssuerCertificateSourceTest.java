package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.probe.AddressPolicy;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.FetchRequest;
import health.registration.core.probe.ProbeNetwork;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issuer certificates fetched from caIssuers URLs (RFC 5280 §4.2.2.1) through the prober's guard, never cached here. */
class ProbedIssuerCertificateSourceTest {

    private static final TestPki PKI = TestPki.create("alpha");
    private static final String URL = "http://ca.alpha.example.com/intermediate.cer";

    private final StaticNameResolver resolver = new StaticNameResolver().answer("ca.alpha.example.com", "11.22.33.44");
    private final ScriptedCrlFetcher fetcher = new ScriptedCrlFetcher();
    private final ProbedIssuerCertificateSource source = new ProbedIssuerCertificateSource(
            new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly()));

    @Test
    void fetchesADerCertificatePinnedToTheCheckedAddressesWithinSixtyFourKib() throws Exception {
        X509Certificate intermediate = PKI.intermediate().certificate();
        fetcher.page(URL, intermediate.getEncoded());

        assertThat(source.certificates(URI.create(URL))).containsExactly(intermediate);

        FetchRequest request = fetcher.requests.get(0);
        assertThat(request.host()).isEqualTo("ca.alpha.example.com");
        assertThat(request.purpose()).isEqualTo(FetchPurpose.ISSUER_CERTIFICATE);
        assertThat(request.maxBodyBytes()).isEqualTo(64 * 1024);
    }

    @Test
    void readsAPemCertificate() {
        fetcher.page(URL, TestPki.pem(PKI.intermediate().certificate()).getBytes(StandardCharsets.US_ASCII));

        assertThat(source.certificates(URI.create(URL))).containsExactly(PKI.intermediate().certificate());
    }

    @Test
    void readsACertsOnlyPkcs7Message() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(List.of(PKI.intermediate().certificate(), PKI.root().certificate())));
        fetcher.page(URL, generator.generate(new CMSAbsentContent()).getEncoded());

        assertThat(source.certificates(URI.create(URL)))
                .containsExactlyInAnyOrder(PKI.intermediate().certificate(), PKI.root().certificate());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://127.0.0.1/ca.cer", "http://169.254.169.254/latest/meta-data", "http://localhost/ca.cer",
        "http://ca.alpha.example.com:8080/ca.cer", "ldap://ca.alpha.example.com/cn=CA", "file:///etc/passwd"})
    void refusesUrlsThatAreNotPublicWebUrlsWithoutLookingThemUp(String url) {
        assertThat(source.certificates(URI.create(url))).isEmpty();

        assertThat(resolver.lookups).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void refusesANameWithANonPublicAddressWithoutFetching() throws Exception {
        resolver.answer("ca.alpha.example.com", "11.22.33.44", "10.0.0.8");
        fetcher.page(URL, PKI.intermediate().certificate().getEncoded());

        assertThat(source.certificates(URI.create(URL))).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] status {0}")
    @ValueSource(ints = {404, 500, 301, 206})
    void isEmptyForAnyStatusButOk(int status) throws Exception {
        fetcher.page(URL, status, PKI.intermediate().certificate().getEncoded(), false);

        assertThat(source.certificates(URI.create(URL))).isEmpty();
    }

    @Test
    void isEmptyForATruncatedBodyOrOneThatIsNoCertificate() throws Exception {
        fetcher.page(URL, 200, PKI.intermediate().certificate().getEncoded(), true);
        assertThat(source.certificates(URI.create(URL))).isEmpty();

        fetcher.page(URL, "<html>not found</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(source.certificates(URI.create(URL))).isEmpty();

        fetcher.page(URL, PKI.intermediateCrl().getEncoded());
        assertThat(source.certificates(URI.create(URL))).isEmpty();
    }

    @ParameterizedTest(name = "{0} certificates: read {1}")
    @org.junit.jupiter.params.provider.CsvSource({"8, true", "9, false"})
    void readsABundleOfAtMostEightCertificates(int count, boolean read) throws Exception {
        assertThat(ProbedIssuerCertificateSource.MAX_CERTIFICATES).isEqualTo(8);
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        List<X509Certificate> bundle = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> PKI.leafWithoutCrlDistributionPoint("https://app" + i + ".example.com").certificate()).toList();
        generator.addCertificates(new JcaCertStore(bundle));
        fetcher.page(URL, generator.generate(new CMSAbsentContent()).getEncoded());

        assertThat(source.certificates(URI.create(URL))).hasSize(read ? count : 0);
    }
}
