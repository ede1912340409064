package health.registration.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.issue.ClientId;
import org.junit.jupiter.api.Test;

class SequentialIdSourceTest {

    @Test
    void drawsNumberedValuesOfTheLengthsRealOnesHave() {
        SequentialIdSource ids = new SequentialIdSource();

        assertThat(ids.newClientId()).isEqualTo(new ClientId("client-000000000000001")).isEqualTo(SequentialIdSource.clientId(1));
        assertThat(ids.newClientId().value()).isEqualTo("client-000000000000002").hasSize(22);
        assertThat(ids.newClientSecret().value()).isEqualTo("secret-" + "0".repeat(35) + "1").hasSize(43);
        assertThat(ids.newRegistrationAccessToken().value()).hasSize(43).startsWith("token-").endsWith("01");
        assertThat(ids.issuedClientIds()).hasSize(2);
    }

    @Test
    void drawsQueuedIdsFirst() {
        SequentialIdSource ids = new SequentialIdSource().drawFirst(SequentialIdSource.clientId(7));

        assertThat(ids.newClientId()).isEqualTo(SequentialIdSource.clientId(7));
        assertThat(ids.newClientId()).isEqualTo(SequentialIdSource.clientId(1));
    }
}
