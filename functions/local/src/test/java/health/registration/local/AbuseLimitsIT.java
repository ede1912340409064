package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The abuse and cost limits end to end through {@code scripts/local-api}, with the limits set low: 3 registrations and
 * 3 probes per source address and hour, 2 clients per registrable domain. Each test sends from a loopback address of
 * its own (127.0.0.51–54), which the local API passes on as {@code requestContext.identity.sourceIp}, so the tests'
 * counts do not mix; the fixture hosts (127.0.0.50) all lie under example.com, so the domain limit is shared, and
 * only {@link #refusesTheThirdClientOfOneRegistrableDomainNamingTheLimitAndTheManualAddress} registers.
 * That the public probe function cannot starve registration is a template property (reserved concurrency, which the
 * local API does not emulate): {@code PublicProbeTemplateTest} of the probe module proves it.
 */
class AbuseLimitsIT {

    private static LocalRegistrationService service;

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("abuse-limits-it", "127.0.0.50", "app", 12, Map.of(
                "REGISTRATIONS_PER_SOURCE_PER_HOUR", "3",
                "PROBES_PER_SOURCE_PER_HOUR", "3",
                "CLIENTS_PER_DOMAIN", "2"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static PeerAddressClient from(String address) throws Exception {
        return new PeerAddressClient(address, service.api().baseUri().getPort());
    }

    private static String registration() {
        ClientMetadata metadata = RegistrationMetadata.hostedOn(service.sites().nextHost());
        return metadata.toJSONObject().toJSONString();
    }

    @Test
    void refusesTheFourthRegistrationOfOneSourceIn429WithRetryAfterAndTheRfc7591Error() throws Exception {
        PeerAddressClient client = from("127.0.0.52");
        for (int i = 0; i < 3; i++) {
            assertThat(client.postJson("/register", "{\"client_name\": 7}").status()).as("refused attempts count too")
                    .isEqualTo(400);
        }

        PeerAddressClient.Answer fourth = client.postJson("/register", registration());

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.headers().get("retry-after"))).isBetween(1L, 3600L);
        assertThat(fourth.body().path("error").asText()).isEqualTo("rate_limited");
        assertThat(fourth.body().path("error_description").asText()).contains("3 register requests this hour");
        assertThat(fourth.body().path("errors")).hasSize(1);
        assertThat(from("127.0.0.53").postJson("/register", "{\"client_name\": 7}").status())
                .as("another source address is not limited by this one's requests").isEqualTo(400);
    }

    @Test
    void refusesTheFourthProbeOfOneSourceIn429WithRetryAfterAndTheRfc7591Error() throws Exception {
        PeerAddressClient client = from("127.0.0.54");
        for (int i = 0; i < 3; i++) {
            PeerAddressClient.Answer probed = client.postJson("/probe", registration());
            assertThat(probed.status()).as(String.valueOf(probed.body())).isEqualTo(200);
            assertThat(probed.body().path("passed").asBoolean()).isTrue();
        }

        PeerAddressClient.Answer fourth = client.postJson("/probe", registration());

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(Long.parseLong(fourth.headers().get("retry-after"))).isBetween(1L, 3600L);
        assertThat(fourth.body().path("error").asText()).isEqualTo("rate_limited");
        assertThat(fourth.body().path("error_description").asText()).contains("3 probe requests this hour");
        assertThat(fourth.body().has("results")).as("nothing probed").isFalse();
    }

    @Test
    void refusesTheThirdClientOfOneRegistrableDomainNamingTheLimitAndTheManualAddress() throws Exception {
        PeerAddressClient client = from("127.0.0.51");
        for (int i = 0; i < 2; i++) {
            PeerAddressClient.Answer registered = client.postJson("/register", registration());
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        }

        PeerAddressClient.Answer third = client.postJson("/register", registration());

        assertThat(third.status()).isEqualTo(400);
        assertThat(third.body().path("error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(third.body().path("error_description").asText()).contains("example.com").contains("2 registered clients")
                .contains(LocalRegistrationService.MANUAL_REGISTRATION_URL);
        assertThat(third.body().path("errors").get(0).path("field").asText()).isEqualTo("/client_uri");
        assertThat(service.records().clientRecords()).hasSize(2);
    }
}
