package health.registration.core.udap;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.port.MutableClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issuer certificates kept per URL for an hour, a failure for a minute, at most 256 URLs. */
class CachedIssuerCertificatesTest {

    private static final TestPki PKI = TestPki.create("alpha");
    private static final String URL = "http://ca.alpha.example.com/intermediate.cer";

    private final MutableClock clock = MutableClock.at(TestPki.NOW);
    private final InMemoryIssuerCertificates served = new InMemoryIssuerCertificates()
            .with(URL, PKI.intermediate().certificate());
    private final CachedIssuerCertificates cache = new CachedIssuerCertificates(served, clock);

    @Test
    void keepsCertificatesForAnHourThenFetchesThemAgain() {
        assertThat(cache.certificates(URI.create(URL))).containsExactly(PKI.intermediate().certificate());
        clock.advance(Duration.ofMinutes(59));
        assertThat(cache.certificates(URI.create(URL))).containsExactly(PKI.intermediate().certificate());
        assertThat(served.requests()).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        cache.certificates(URI.create(URL));
        assertThat(served.requests()).hasSize(2);
    }

    @Test
    void remembersAFailureForAMinuteOnly() {
        URI missing = URI.create("http://ca.alpha.example.com/missing.cer");

        assertThat(cache.certificates(missing)).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.certificates(missing)).isEmpty();
        assertThat(served.requests()).hasSize(1);

        served.with(missing.toString(), PKI.intermediate().certificate());
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.certificates(missing)).containsExactly(PKI.intermediate().certificate());
        assertThat(served.requests()).hasSize(2);
    }

    @Test
    void keepsAtMostTwoHundredFiftySixUrlsDroppingTheLeastRecentlyUsed() {
        cache.certificates(URI.create(URL));
        for (int i = 0; i < CachedIssuerCertificates.MAX_ENTRIES - 1; i++) {
            cache.certificates(URI.create("http://ca.alpha.example.com/" + i + ".cer"));
        }
        cache.certificates(URI.create(URL));
        cache.certificates(URI.create("http://ca.alpha.example.com/one-more.cer"));
        int asked = served.requests().size();

        cache.certificates(URI.create(URL));
        assertThat(served.requests()).as("the recently used URL stayed").hasSize(asked);
        cache.certificates(URI.create("http://ca.alpha.example.com/0.cer"));
        assertThat(served.requests()).as("the least recently used URL was dropped").hasSize(asked + 1);
    }
}
