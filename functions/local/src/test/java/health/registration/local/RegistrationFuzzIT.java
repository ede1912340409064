package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.registration.testkit.AwsEmulator;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * The fuzz run: {@value #DEFAULT_DOCUMENTS} mutated registration documents and software statements (random
 * members, types, numbers, URLs, keys, truncations, bytes; see {@link FuzzedRequests}) through the local API with
 * UDAP on, sent by a small pool. No answer may be a server error, every error must be the RFC 7591 error JSON, every
 * registration must be readable with its token (RFC 7592) and hold its secret, and moto must hold no client that
 * authenticates with a secret without one and no secret without its client. The seed comes from {@code -Dfuzz.seed}
 * (or {@code FUZZ_SEED}), else is drawn and printed, so a failing run can be replayed; {@code -Dfuzz.documents}
 * changes the count. Names resolve through the JVM's own hosts file, so no fuzzed name is ever looked up off this
 * machine. Secrets Manager is reached through an {@link OperationRecorder}: while registering, the local API may
 * only create client secrets, never read or delete one (it reads only secrets of its own configuration, such as the
 * Idempotency-Key pepper).
 */
class RegistrationFuzzIT {

    static final int DEFAULT_DOCUMENTS = 10_000;
    private static final int THREADS = 6;
    private static final int UDAP_CLIENTS = 30;
    private static final int HOSTS = 150;
    private static final String LIMIT = "1000000";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OperationRecorder secretsManager;
    private static LocalUdapService service;

    @BeforeAll
    static void start() throws Exception {
        secretsManager = OperationRecorder.in(AwsEmulator.endpoint());
        service = LocalUdapService.start("registration-fuzz-it", "127.0.0.91", HOSTS, (work, baseUrl, pki) -> Map.of(
                // Every Secrets Manager call of the local API passes the recorder (least privilege, shown end to end).
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secretsManager.endpoint(),
                // The per-source and per-domain limits would refuse most of the run: lifted, as the run tests inputs.
                "REGISTRATIONS_PER_SOURCE_PER_HOUR", LIMIT, "PROBES_PER_SOURCE_PER_HOUR", LIMIT,
                "CLIENTS_PER_DOMAIN", LIMIT,
                // Every name not in the fixture's hosts file fails to resolve, without a DNS query.
                "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + work.resolve("hosts")));
    }

    @AfterAll
    static void stop() throws Exception {
        try (OperationRecorder recorder = secretsManager) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void answersEveryMutatedDocumentWithoutAServerErrorAndLeavesNoClientWithoutItsSecret() throws Exception {
        long seed = seed();
        int count = Integer.getInteger("fuzz.documents", DEFAULT_DOCUMENTS);
        List<FuzzRequest> requests = requests(seed, count);
        FuzzAnswers answers = new FuzzAnswers(service.baseUri());
        long started = System.nanoTime();
        secretsManager.start(service.records().secretName(""));

        answers.sendAll(requests, THREADS);
        secretsManager.stop();

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("RegistrationFuzzIT: seed %d (replay with -Dfuzz.seed=%d), %d documents sent in %d s, "
                        + "answers %s, registrations made %d%n", seed, seed, count, seconds,
                answers.statuses(), answers.registrations().size());
        List<String> problems = List.copyOf(answers.problems());
        assertThat(problems.subList(0, Math.min(problems.size(), 40))).as("seed %d: %d answers break the API's "
                + "promises; the first 40", seed, problems.size()).isEmpty();
        assertThat(answers.registrations()).as("some documents must pass and register").isNotEmpty();
        // The register function creates client secrets and does nothing else with them: it never reads or deletes one.
        // (It reads secrets of its own configuration: the Idempotency-Key pepper.)
        assertThat(secretsManager.operations()).as("Secrets Manager calls on client secrets while registering")
                .containsKey("CreateSecret client secret")
                .allSatisfy((operation, calls) -> assertThat(operation)
                        .satisfiesAnyOf(o -> assertThat(o).isEqualTo("CreateSecret client secret"),
                                o -> assertThat(o).endsWith(" other secret").startsWith("GetSecretValue")));
        assertEveryRegistrationReadsBackWithItsSecret(answers);
        assertEveryClientHasItsSecretAndEverySecretItsClient();
    }

    private static List<FuzzRequest> requests(long seed, int count) {
        Random random = new Random(seed);
        List<String> openHosts = IntStream.rangeClosed(UDAP_CLIENTS + 2, HOSTS)
                .mapToObj(n -> "udap" + n + "." + UdapSites.DOMAIN).toList();
        FuzzValues values = new FuzzValues(random, openHosts);
        FuzzedKeys keys = new FuzzedKeys(values);
        UdapClients clients = new UdapClients(service.pki(), service.sites());
        List<UdapClient> trusted = new ArrayList<>();
        for (int n = 0; n < UDAP_CLIENTS; n++) {
            trusted.add(n % 2 == 0 ? clients.rsa() : clients.es256());
        }
        FuzzedStatements statements = new FuzzedStatements(values, keys, trusted, clients.untrusted(),
                service.registrationEndpoint());
        return FuzzedRequests.make(count, values, new FuzzedRegistrations(values, keys), statements);
    }

    /** RFC 7592: each registration given a token reads back with it, and its secret is the one in Secrets Manager. */
    private static void assertEveryRegistrationReadsBackWithItsSecret(FuzzAnswers answers) throws Exception {
        for (FuzzAnswers.Registration registration : answers.registrations().values()) {
            if (registration.token() == null) {
                continue;
            }
            HttpResponse<String> read = answers.http().send(HttpRequest.newBuilder(
                            service.baseUri().resolve("register/" + registration.clientId()))
                    .header("Authorization", "Bearer " + registration.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("GET of %s: %s", registration.clientId(), read.body()).isEqualTo(200);
            JsonNode client = JSON.readTree(read.body());
            assertThat(client.path("client_id").asText()).isEqualTo(registration.clientId());
            assertThat(client.has("client_secret")).as("the secret is never read back").isFalse();
            if (registration.secret() != null) {
                assertThat(service.records().secretValue(registration.clientId())).as("the secret of %s",
                        registration.clientId()).isEqualTo(registration.secret());
            }
        }
    }

    /** Moto: every active client that authenticates with a secret has one, and every secret has its client. */
    private static void assertEveryClientHasItsSecretAndEverySecretItsClient() throws Exception {
        EmulatorRecords records = service.records();
        List<Map<String, AttributeValue>> clients = records.clientRecords();
        Set<String> secretNames = new java.util.HashSet<>(records.secrets().stream().map(SecretListEntry::name).toList());
        for (Map<String, AttributeValue> client : clients) {
            String clientId = client.get("clientId").s();
            String method = JSON.readTree(client.get("metadata").s()).path("token_endpoint_auth_method")
                    .asText("client_secret_basic");
            if (client.get("status").s().equals("active") && method.startsWith("client_secret_")) {
                assertThat(secretNames).as("the secret of active client %s", clientId)
                        .contains(records.secretName(clientId));
            }
        }
        Set<String> recorded = new java.util.HashSet<>(clients.stream()
                .map(client -> records.secretName(client.get("clientId").s())).toList());
        assertThat(secretNames).as("secrets under the prefix without a client record").isSubsetOf(recorded);
    }

    private static long seed() {
        String given = System.getProperty("fuzz.seed", System.getenv().getOrDefault("FUZZ_SEED", ""));
        return given.isBlank() ? new Random().nextLong() : Long.parseLong(given.strip());
    }
}
