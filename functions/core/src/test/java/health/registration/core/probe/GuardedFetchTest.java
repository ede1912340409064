package health.registration.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/security.md, "The fetch pipeline": fetches other than URL probes (CRLs, challenges) pass the same guard. */
class GuardedFetchTest {

    private final InMemoryNameResolver resolver = new InMemoryNameResolver()
            .answer("crl.example.com", "11.22.33.44", "2001:4860::8888");
    private final ScriptedPageFetcher fetcher = new ScriptedPageFetcher();
    private final ProbeNetwork network = new ProbeNetwork(resolver, fetcher, AddressPolicy.publicOnly());

    @ParameterizedTest(name = "{0} (https only: {1}) -> {2}")
    @CsvSource(nullValues = "none", textBlock = """
            https://crl.example.com/ca.crl,          true,  crl.example.com
            https://crl.example.com:443/ca.crl,      true,  crl.example.com
            http://crl.example.com/ca.crl,           false, crl.example.com
            http://crl.example.com:80/ca.crl,        false, crl.example.com
            http://crl.example.com/ca.crl,           true,  none
            https://crl.example.com:80/ca.crl,       false, none
            http://crl.example.com:443/ca.crl,       false, none
            https://crl.example.com:8443/ca.crl,     false, none
            https://user@crl.example.com/ca.crl,     false, none
            https://crl.example.com/ca.crl#part,     false, none
            https://11.22.33.44/ca.crl,              false, none
            https://[2001:4860::8888]/ca.crl,        false, none
            https://crl_.example.com/ca.crl,         false, none
            not a url,                               false, none
            """)
    void fetchesOnlyAPublicNameOnItsDefaultPort(String url, boolean httpsOnly, String host) {
        assertThat(GuardedFetch.publicHost(url, httpsOnly)).isEqualTo(java.util.Optional.ofNullable(host));
    }

    @Test
    void fetchesTheCheckedAddressesOfThePublicName() {
        fetcher.page("https://crl.example.com/ca.crl", 200, "application/pkix-crl", new byte[] {1, 2, 3});

        FetchedPage page = GuardedFetch.get(network, "https://crl.example.com/ca.crl", FetchPurpose.PAGE, 4096, true)
                .orElseThrow();

        assertThat(page.body()).containsExactly(1, 2, 3);
        assertThat(fetcher.requests).singleElement().satisfies(request -> {
            assertThat(request.host()).isEqualTo("crl.example.com");
            assertThat(request.addresses()).extracting(InetAddress::getHostAddress)
                    .containsExactly("11.22.33.44", "2001:4860:0:0:0:0:0:8888");
            assertThat(request.purpose()).isEqualTo(FetchPurpose.PAGE);
            assertThat(request.maxBodyBytes()).isEqualTo(4096);
        });
    }

    @Test
    void looksNothingUpForAUrlItWouldNotFetch() {
        assertThat(GuardedFetch.get(network, "http://crl.example.com/ca.crl", FetchPurpose.PAGE, 4096, true)).isEmpty();

        assertThat(resolver.lookups).isEmpty();
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void fetchesNothingWhenAnyAddressIsRefusedOrNoneIsGiven() {
        resolver.answer("mixed.example.com", "11.22.33.44", "10.0.0.7").answer("empty.example.com");

        assertThat(GuardedFetch.get(network, "https://mixed.example.com/", FetchPurpose.PAGE, 4096, false)).isEmpty();
        assertThat(GuardedFetch.get(network, "https://empty.example.com/", FetchPurpose.PAGE, 4096, false)).isEmpty();

        assertThat(resolver.lookups).containsExactly("mixed.example.com", "empty.example.com");
        assertThat(fetcher.requests).isEmpty();
    }

    @Test
    void answersEmptyForAFailedLookupOrFetch() {
        resolver.fail("gone.example.com", ProbeOutcome.DNS_ERROR);
        fetcher.fail("https://crl.example.com/tls", ProbeOutcome.TLS_ERROR);
        NameResolver broken = host -> {
            throw new IllegalStateException("a resolver bug");
        };

        assertThat(GuardedFetch.get(network, "https://gone.example.com/", FetchPurpose.PAGE, 4096, false)).isEmpty();
        assertThat(GuardedFetch.get(network, "https://crl.example.com/tls", FetchPurpose.PAGE, 4096, false)).isEmpty();
        assertThat(GuardedFetch.get(new ProbeNetwork(broken, fetcher, AddressPolicy.publicOnly()),
                "https://crl.example.com/ca.crl", FetchPurpose.PAGE, 4096, false)).isEmpty();
        assertThat(fetcher.requests).hasSize(1);
    }
}
