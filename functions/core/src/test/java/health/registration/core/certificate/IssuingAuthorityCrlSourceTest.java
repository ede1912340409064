package health.registration.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.port.InMemoryCertificateStore;
import health.registration.core.udap.InMemoryCrlSource;
import health.registration.core.udap.TestPki;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.X509CRL;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/api/certificates.md, "With UDAP": the authority's own CRL URL is answered from the store, every other one by
 * the wrapped source.
 */
class IssuingAuthorityCrlSourceTest {

    private static final TestPki OTHER_PKI = TestPki.create("elsewhere");
    private static final X509CRL OTHER_CRL = OTHER_PKI.intermediateCrl();
    private final AuthorityBench bench = new AuthorityBench();
    private final InMemoryCrlSource others = new InMemoryCrlSource()
            .with(OTHER_PKI.crlUrl("intermediate"), OTHER_CRL);
    private final IssuingAuthorityCrlSource source = new IssuingAuthorityCrlSource(bench.ca.crlUrl(),
            AuthorityBench.CA_NAME, bench.store, others);

    @Test
    void answersItsOwnUrlWithTheStoredCrlAsSoonAsARevocationIsStored() throws Exception {
        IssuedCertificate issued = bench.issue().certificate();
        assertThat(source.crl(URI.create(AuthorityBench.CRL_URL)).orElseThrow().getRevokedCertificates()).isNull();

        bench.ca.revoke(issued.serial(), RevocationReason.KEY_COMPROMISE, AuthorityBench.REQUESTER);
        Optional<X509CRL> crl = source.crl(URI.create(AuthorityBench.CRL_URL));

        assertThat(crl).hasValueSatisfying(c -> assertThat(c.getRevokedCertificate(issued.x509().getSerialNumber()))
                .isNotNull());
        assertThat(crl.orElseThrow().getEncoded()).isEqualTo(bench.store.currentCrl(AuthorityBench.CA_NAME)
                .orElseThrow().der());
        assertThat(others.requests()).isEmpty();
    }

    @Test
    void answersNothingForItsOwnUrlBeforeAnyCrlWasSigned() {
        assertThat(source.crl(URI.create(AuthorityBench.CRL_URL))).isEmpty();
        assertThat(others.requests()).isEmpty();
    }

    @Test
    void answersNothingForAStoredCrlThatIsNotDer() {
        InMemoryCertificateStore broken = new InMemoryCertificateStore();
        broken.saveCrl(AuthorityBench.CA_NAME, new CrlDocument(BigInteger.ONE, AuthorityBench.NOW, AuthorityBench.NOW,
                new byte[] {1, 2, 3}));

        assertThat(new IssuingAuthorityCrlSource(bench.ca.crlUrl(), AuthorityBench.CA_NAME, broken, others)
                .crl(URI.create(AuthorityBench.CRL_URL))).isEmpty();
    }

    @Test
    void delegatesEveryOtherUrl() {
        assertThat(source.crl(URI.create(OTHER_PKI.crlUrl("intermediate")))).contains(OTHER_CRL);
        assertThat(source.crl(URI.create("http://crl.unknown.example.com/x.crl"))).isEmpty();
        assertThat(others.requests()).extracting(URI::toString)
                .containsExactly(OTHER_PKI.crlUrl("intermediate"), "http://crl.unknown.example.com/x.crl");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "https://API.example.org/v1/crl/developers.crl",
        "https://api.example.org/v1/crl/developers.crl/",
        "http://api.example.org/v1/crl/developers.crl",
        "https://api.example.org/v1/crl/developers.crl?fresh",
        "https://api.example.org/v1/crl/other.crl"})
    void treatsOnlyTheExactOwnUrlAsItsOwn(String url) {
        bench.issue();

        assertThat(source.crl(URI.create(url))).isEmpty();
        assertThat(others.requests()).extracting(URI::toString).containsExactly(url);
    }
}
