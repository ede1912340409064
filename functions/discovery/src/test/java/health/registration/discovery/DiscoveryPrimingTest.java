package health.registration.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.udap.UdapMetadataFixture;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryPrimingTest {

    @Test
    void primingAnswersTheDocumentAndAnUnknownCommunity() {
        DiscoveryPriming priming = new DiscoveryPriming(
                new UdapMetadataHandler(Optional.of(new UdapMetadataFixture().metadata(true, Clock.systemUTC()))));

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("200", "204");
    }

    @Test
    void primingAServerWithoutUdapAnswersNotFound() {
        DiscoveryPriming priming = new DiscoveryPriming(new UdapMetadataHandler(Optional.empty()));

        priming.beforeCheckpoint(null);

        assertThat(priming.outcomes()).containsExactly("404", "404");
    }
}
