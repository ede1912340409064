package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** RFC 5280 §4.2.1.13: the http and https full-name URIs of a certificate's CRL distribution points. */
class CrlDistributionPointsTest {

    private static final TestPki PKI = TestPki.create("alpha");

    @Test
    void readsHttpAndHttpsUrlsInOrderAndSkipsOtherSchemes() {
        TestCredential leaf = PKI.leaf(PKI.leafSpec("https://app.example.com").withCrlDistributionPoints(
                "ldap://ldap.example.com/cn=CRL", "https://crl.example.com/a.crl", "HTTP://crl.example.com/b.crl",
                "urn:example:crl", "http://crl.example.com/c.crl"));

        assertThat(CrlDistributionPoints.of(leaf.certificate())).containsExactly(URI.create("https://crl.example.com/a.crl"),
                URI.create("HTTP://crl.example.com/b.crl"), URI.create("http://crl.example.com/c.crl"));
    }

    @Test
    void findsNoneInACertificateWithoutTheExtension() {
        assertThat(CrlDistributionPoints.of(PKI.leafWithoutCrlDistributionPoint("https://app.example.com").certificate())).isEmpty();
        assertThat(CrlDistributionPoints.of(PKI.root().certificate())).isEmpty();
    }

    @Test
    void readsTheIntermediatesPointToTheRootsCrl() {
        assertThat(CrlDistributionPoints.of(PKI.intermediate().certificate())).containsExactly(URI.create(PKI.crlUrl("root")));
    }
}
