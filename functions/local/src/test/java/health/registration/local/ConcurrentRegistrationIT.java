package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * The load test: {@value #CLIENTS} registrations sent at once through {@code scripts/local-api} (which runs up to 8
 * warm containers of the register function) by {@value #THREADS} Nimbus clients released together, each
 * registration on host names of its own (served by one HTTPS fixture on 127.0.0.42), so no per-host probe limit is
 * reached. Then moto must hold exactly one active record and one secret per client, each secret the one its client
 * was given. Nothing but 127.0.0.x is contacted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentRegistrationIT {

    private static final int CLIENTS = 200;
    private static final int THREADS = 48;

    private static LocalRegistrationService service;
    private static EmulatorRecords records;
    private static Burst sent;

    /** The registrations sent and what came back. */
    private record Burst(List<ClientMetadata> registrations, RegistrationBurst.Result result) {}

    /**
     * The one burst of this class, sent by whichever test needs it first: each test can run alone, and the exact
     * counts both assert hold because the burst is sent once per service.
     */
    private static synchronized Burst burst() throws InterruptedException {
        if (sent == null) {
            List<ClientMetadata> registrations = IntStream.range(0, CLIENTS)
                    .mapToObj(n -> RegistrationMetadata.hostedOn(service.sites().nextHost())).toList();
            sent = new Burst(registrations, RegistrationBurst.send(service.client(), registrations, THREADS));
        }
        return sent;
    }

    @BeforeAll
    static void start() throws Exception {
        service = LocalRegistrationService.start("concurrent-registration-it", "127.0.0.42", "app", CLIENTS + 1);
        records = service.records();
        // Warms the prober's TLS path (and the probe function) before anything is timed.
        String warmUp = RegistrationMetadata.hostedOn(service.sites().nextHost()).toJSONObject().toJSONString();
        HttpResponse<String> probed = service.api().post("/probe", "application/json", warmUp);
        assertThat(new ObjectMapper().readTree(probed.body()).path("passed").booleanValue()).as(probed.body()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1)
    void registersTwoHundredClientsSentAtOnceEachWithOneRecordAndOneSecretOfItsOwn() throws Exception {
        List<ClientMetadata> registrations = burst().registrations();
        RegistrationBurst.Result burst = burst().result();

        System.out.printf("ConcurrentRegistrationIT: %d registrations from %d client threads in %d ms (%.1f per second)%n",
                CLIENTS, THREADS, burst.elapsed().toMillis(), burst.perSecond());
        assertThat(burst.failures()).as("requests that got no answer").isEmpty();
        Map<String, String> secretByClient = new LinkedHashMap<>();
        for (int n = 0; n < CLIENTS; n++) {
            RegistrationClient.Exchange answer = burst.answers().get(n);
            assertThat(answer.status()).as(answer.http().getBody()).isEqualTo(201);
            ClientInformation client = answer.information();
            assertThat(client.getMetadata().getName()).as("the answer to its own request").isEqualTo(registrations.get(n).getName());
            assertThat(secretByClient.put(client.getID().getValue(), client.getSecret().getValue()))
                    .as("a client id issued twice").isNull();
        }
        assertThat(secretByClient).hasSize(CLIENTS);
        assertOneActiveRecordPerClient(secretByClient);
        assertOneSecretPerClientHoldingItsValue(secretByClient);
    }

    private static void assertOneActiveRecordPerClient(Map<String, String> secretByClient) {
        List<Map<String, AttributeValue>> stored = records.clientRecords();
        assertThat(stored).as("client records in the table").hasSize(CLIENTS);
        assertThat(stored).allSatisfy(item -> assertThat(item.get("status").s()).as(item.get("clientId").s()).isEqualTo("active"));
        assertThat(stored).extracting(item -> item.get("clientId").s())
                .containsExactlyInAnyOrderElementsOf(secretByClient.keySet());
    }

    private static void assertOneSecretPerClientHoldingItsValue(Map<String, String> secretByClient) {
        List<SecretListEntry> secrets = records.secrets();
        assertThat(secrets).as("secrets under the prefix").hasSize(CLIENTS);
        assertThat(secrets).extracting(SecretListEntry::name)
                .containsExactlyInAnyOrderElementsOf(secretByClient.keySet().stream().map(records::secretName).toList());
        for (SecretListEntry secret : secrets) {
            String client = secret.name().substring(records.secretName("").length());
            assertThat(secret.tags()).contains(Tag.builder().key("client_id").value(client).build());
            assertThat(secret.deletedDate()).isNull();
            assertThat(records.secretValue(client)).as("the secret of %s", client).isEqualTo(secretByClient.get(client));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void logsEveryRegistrationWithoutAnErrorOrAnyIssuedSecretOrToken() throws Exception {
        assertThat(burst().result().failures()).as("requests that got no answer").isEmpty();
        String log = service.stopAndReadLog();
        List<String> lines = log.lines().toList();

        // docs/operations/logging.md: one JSON line per outcome, naming the function and the API request.
        assertThat(lines).filteredOn(line -> line.startsWith("{") && line.contains("\"function\":\"register\"")
                && line.contains("outcome=registered")).hasSize(CLIENTS)
                .allSatisfy(line -> assertThat(line).contains("\"level\":\"INFO\"", "\"apiRequestId\":"));
        assertThat(lines).filteredOn(line -> line.startsWith("POST /register -> 201 ")).hasSize(CLIENTS);
        assertThat(lines).filteredOn(line -> line.contains("\"function\":\"public-probe\"")).hasSize(1);
        assertThat(lines).as("errors in the local API's log")
                .noneMatch(line -> line.matches(".* -> 5\\d\\d .*") || line.contains("Exception")
                        || line.contains(" failed: ") || line.contains(" failed on requestId "));
        assertThat(service.issued().count()).as("secrets and tokens issued").isEqualTo(2 * CLIENTS);
        service.issued().assertNoneIn(log);
    }
}
