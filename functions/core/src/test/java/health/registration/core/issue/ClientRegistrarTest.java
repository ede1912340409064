package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.FailingSecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.port.WriteConflict;
import health.registration.core.probe.ProbeOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClientRegistrarTest {

    private static final String BASE64URL = "[A-Za-z0-9_-]+";

    private final IssuanceBench bench = new IssuanceBench();

    @Test
    void answersWithTheRegisteredMetadataAndEveryIssuedMember() {
        RegistrationOutcome.Registered registered = (RegistrationOutcome.Registered) bench.registrar().register(ValidMetadata.metadata());
        JsonNode answer = IssuanceBench.json(registered.answer());

        String clientId = SequentialIdSource.clientId(1).value();
        assertThat(registered.clientId()).isEqualTo(clientId);
        assertThat(registered.replayed()).isFalse();
        assertThat(answer.path("client_id").asText()).isEqualTo(clientId);
        assertThat(answer.path("client_id_issued_at").asLong()).isEqualTo(1740819600L);
        assertThat(answer.path("client_secret").asText()).isEqualTo(bench.ids.lastSecret().value());
        assertThat(answer.path("client_secret_expires_at").isIntegralNumber()).isTrue();
        assertThat(answer.path("client_secret_expires_at").asLong()).isZero();
        assertThat(answer.path("registration_access_token").asText()).isEqualTo(bench.ids.lastToken().value());
        assertThat(answer.path("registration_client_uri").asText()).isEqualTo("https://register.example.org/register/" + clientId);
        ValidMetadata.json().properties().forEach(m -> assertThat(answer.get(m.getKey())).as(m.getKey()).isEqualTo(m.getValue()));
    }

    @Test
    void issuesUrlSafeIdsOfAtLeast128BitsAndSecretsAndTokensOfAtLeast256Bits() {
        JsonNode answer = IssuanceBench.json(((RegistrationOutcome.Registered) bench.registrar(new SecureRandomIdSource())
                .register(ValidMetadata.metadata())).answer());

        assertThat(answer.path("client_id").asText()).matches(BASE64URL).hasSizeGreaterThanOrEqualTo(22);
        assertThat(answer.path("client_secret").asText()).matches(BASE64URL).hasSizeGreaterThanOrEqualTo(43);
        assertThat(answer.path("registration_access_token").asText()).matches(BASE64URL).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Base64.getUrlDecoder().decode(answer.path("client_id").asText())).hasSizeGreaterThanOrEqualTo(16);
        assertThat(Base64.getUrlDecoder().decode(answer.path("client_secret").asText())).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Base64.getUrlDecoder().decode(answer.path("registration_access_token").asText())).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void keepsTheClientActiveWithItsSecretsArnAndOnlyTheHashOfItsToken() {
        JsonNode answer = bench.registerValidClient();
        ClientId id = new ClientId(answer.path("client_id").asText());
        String token = answer.path("registration_access_token").asText();
        ClientRecord record = bench.clientStore.find(id).orElseThrow();

        assertThat(record.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(record.credentials().secretArn()).isEqualTo(bench.secretStore.arnOf(id).orElseThrow());
        assertThat(bench.secretStore.read(id)).contains(new ClientSecret(answer.path("client_secret").asText()));
        assertThat(record.credentials().registrationTokenHash()).isEqualTo(new RegistrationAccessToken(token).hash()).isNotEqualTo(token);
        assertThat(record.metadata().toJson().toString()).doesNotContain(token).doesNotContain(answer.path("client_secret").asText());
        assertThat(record.version()).isEqualTo(2);
        assertThat(record.checks().nextCheckAt()).isEqualTo(IssuanceBench.START.plus(Duration.ofDays(1)));
    }

    @Test
    void writesDefaultsOutDropsUnknownMembersAndIgnoresServerMembersSentByTheClient() {
        ObjectNode sent = ValidMetadata.json();
        sent.put("software_version", "4.2");
        sent.putObject("x_vendor_extension").put("colour", "teal");
        ClientInformation.SERVER_MEMBERS.forEach(member -> sent.put(member, "chosen-by-the-client-0001"));

        JsonNode answer = bench.register(ClientMetadata.of(sent));
        ClientRecord record = bench.clientStore.all().get(0);

        assertThat(answer.path("client_id").asText()).isEqualTo(SequentialIdSource.clientId(1).value());
        assertThat(answer.path("client_secret").asText()).isEqualTo(bench.ids.lastSecret().value());
        assertThat(answer.path("client_id_issued_at").asLong()).isEqualTo(1740819600L);
        assertThat(answer.path("registration_client_uri").asText()).endsWith("/register/" + SequentialIdSource.clientId(1).value());
        for (JsonNode registered : new JsonNode[] {answer, record.metadata().toJson()}) {
            assertThat(registered.path("grant_types").toString()).isEqualTo("[\"authorization_code\"]");
            assertThat(registered.path("response_types").toString()).isEqualTo("[\"code\"]");
            assertThat(registered.path("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
            assertThat(registered.path("software_version").asText()).isEqualTo("4.2");
            assertThat(registered.has("x_vendor_extension")).as("RFC 7591 section 2: not understood, so dropped").isFalse();
        }
        assertThat(record.metadata().names()).doesNotContainAnyElementsOf(ClientInformation.SERVER_MEMBERS);
    }

    @ParameterizedTest(name = "a secret lifetime of {0} s expires at {1}")
    @CsvSource({
        "0,        0",          // the default: the secret never expires
        "3600,     1740823200", // an hour after issue
        "7776000,  1748595600", // 90 days after issue
    })
    void setsTheSecretExpiryFromTheConfiguredLifetime(long lifetimeSeconds, long expectedExpiresAt) {
        IssuanceBench configured = new IssuanceBench(IssuanceSettings.of(IssuanceBench.PUBLIC_BASE_URL, Duration.ofSeconds(lifetimeSeconds)));

        JsonNode answer = configured.registerValidClient();

        assertThat(answer.path("client_secret_expires_at").asLong()).isEqualTo(expectedExpiresAt);
        assertThat(configured.clientStore.all().get(0).credentials().secretExpiresAt()).isEqualTo(expectedExpiresAt);
    }

    @Test
    void refusesWithoutProbingWhenTheStaticRulesFail() {
        RegistrationOutcome outcome = bench.registrar().register(ValidMetadata.withRedirectUri("http://app.example.com/callback"));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(((RegistrationOutcome.Refused) outcome).error().error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(bench.prober.calls()).isZero();
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
    }

    @Test
    void refusesWithWhatProbingFoundAndStoresNothing() {
        bench.prober.failing("https://app.example.com/logo.png", ProbeOutcome.NOT_FOUND);

        RegistrationOutcome outcome = bench.registrar().register(ValidMetadata.metadata());

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(((RegistrationOutcome.Refused) outcome).error().errors()).extracting(Violation::field).containsExactly("/logo_uri");
        assertThat(bench.prober.calls()).isOne();
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
        assertThat(bench.ids.issuedSecrets()).isEmpty();
    }

    @Test
    void drawsANewIdWhenTheFirstIsTaken() {
        JsonNode first = bench.registerValidClient();
        ClientRecord firstRecord = bench.clientStore.all().get(0);
        bench.ids.drawFirst(SequentialIdSource.clientId(1));

        JsonNode second = bench.registerValidClient();

        assertThat(second.path("client_id").asText()).isEqualTo(SequentialIdSource.clientId(2).value())
                .isNotEqualTo(first.path("client_id").asText());
        assertThat(bench.clientStore.find(SequentialIdSource.clientId(1))).contains(firstRecord);
        assertThat(bench.clientStore.withStatus(ClientStatus.ACTIVE)).hasSize(2);
        assertThat(bench.secretStore.read(SequentialIdSource.clientId(1))).contains(bench.ids.issuedSecrets().get(0));
    }

    @Test
    void givesUpAfterThreeTakenIdsWithoutStoringASecret() {
        bench.registerValidClient();
        ClientId taken = SequentialIdSource.clientId(1);
        bench.ids.drawFirst(taken, taken, taken);

        assertThatThrownBy(() -> bench.registrar().register(ValidMetadata.metadata())).isInstanceOf(WriteConflict.class);
        assertThat(bench.clientStore.size()).isOne();
        assertThat(bench.secretStore.size()).isOne();
    }

    @Test
    void writesThePendingRecordThenTheSecretThenActivates() {
        bench.secrets.interfereBefore(FailingSecretStore.Operation.CREATE, 1, () ->
                assertThat(bench.clientStore.withStatus(ClientStatus.PENDING)).singleElement()
                        .satisfies(r -> assertThat(r.credentials().secretArn()).isNull()));
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 1, () -> {
            assertThat(bench.clientStore.withStatus(ClientStatus.PENDING)).hasSize(1);
            assertThat(bench.secretStore.size()).isOne();
        });

        bench.registerValidClient();

        assertThat(bench.secrets.calls(FailingSecretStore.Operation.CREATE)).isOne();
        assertThat(bench.clients.calls(FailingClientStore.Operation.REPLACE)).isOne();
    }

    static Stream<Arguments> failuresAtEachStep() {
        return Stream.of(
                arguments("the pending record cannot be written", fault(b -> b.clients.failOn(FailingClientStore.Operation.CREATE, 1)), 0, 0),
                arguments("the pending record is written, then the call times out",
                        fault(b -> b.clients.failAfterApplying(FailingClientStore.Operation.CREATE, 1)), 0, 1),
                arguments("the secret store fails after the record is written",
                        fault(b -> b.secrets.failOn(FailingSecretStore.Operation.CREATE, 1)), 0, 1),
                arguments("the secret is stored, then the call times out",
                        fault(b -> b.secrets.failAfterApplying(FailingSecretStore.Operation.CREATE, 1)), 1, 1),
                arguments("activation fails after the secret was created",
                        fault(b -> b.clients.failOn(FailingClientStore.Operation.REPLACE, 1)), 1, 1),
                // The client is complete and consistent; only its answer was lost, so the cleanup leaves it.
                arguments("activation is applied, then the call times out",
                        fault(b -> b.clients.failAfterApplying(FailingClientStore.Operation.REPLACE, 1)), 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAtEachStep")
    void leavesNoOrphanedSecretAndNoClientWithoutSecretAfterOneCleanupPass(String step, Consumer<IssuanceBench> fault,
                                                                            int orphansBeforeCleanup, int abandoned) {
        fault.accept(bench);

        assertThatThrownBy(() -> bench.registrar().register(ValidMetadata.metadata())).isInstanceOf(StoreUnavailable.class);
        assertThat(bench.clientsWithoutSecret()).as("visible clients without a secret").isEmpty();
        assertThat(bench.orphanedSecrets()).hasSize(orphansBeforeCleanup);
        int records = bench.clientStore.size();
        int secrets = bench.secretStore.size();

        bench.clock.advance(bench.settings.pendingTimeout().minusSeconds(1));
        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(0, 0));
        assertThat(bench.clientStore.size()).isEqualTo(records);
        assertThat(bench.secretStore.size()).isEqualTo(secrets);

        bench.clock.advance(Duration.ofSeconds(1));
        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(abandoned, 0));
        assertThat(bench.orphanedSecrets()).as("orphaned secrets").isEmpty();
        assertThat(bench.clientsWithoutSecret()).as("visible clients without a secret").isEmpty();
        assertThat(bench.clientStore.withStatus(ClientStatus.PENDING)).isEmpty();
        assertThat(bench.secretStore.scheduledDeletions()).isEmpty();
    }

    @Test
    void leavesItsSecretToTheCleanupThatTookTheRegistrationOverBeforeActivation() {
        bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 1, () -> {
            bench.passPendingTimeout();
            bench.cleanup().run();
        });

        assertThatThrownBy(() -> bench.registrar().register(ValidMetadata.metadata())).isInstanceOf(StoreUnavailable.class);

        assertThat(bench.clientStore.size()).as("the cleanup removed the abandoned record").isZero();
        assertThat(bench.secretStore.size()).as("the cleanup destroyed the secret").isZero();
        assertThat(bench.secrets.calls(FailingSecretStore.Operation.DESTROY)).as("by the cleanup alone").isOne();
        assertThat(bench.orphanedSecrets()).isEmpty();
        assertThat(bench.clientsWithoutSecret()).isEmpty();
    }

    @Test
    void storesNoSecretOnceItsPendingRecordIsHalfwayToTheCleanup() {
        // The pending record is written as the clock passes half the pending timeout, as a stalled call would.
        bench.clients.interfereBefore(FailingClientStore.Operation.CREATE, 1,
                () -> bench.clock.advance(bench.settings.pendingTimeout().dividedBy(2).plusMillis(1)));

        assertThatThrownBy(() -> bench.registrar().register(ValidMetadata.metadata())).isInstanceOf(StoreUnavailable.class);

        assertThat(bench.secrets.calls(FailingSecretStore.Operation.CREATE)).isZero();
        bench.passPendingTimeout();
        assertThat(bench.cleanup().run()).isEqualTo(new RegistrationCleanup.Pass(1, 0));
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
    }

    @Test
    void storesItsSecretUpToHalfThePendingTimeout() {
        bench.clients.interfereBefore(FailingClientStore.Operation.CREATE, 1,
                () -> bench.clock.advance(bench.settings.pendingTimeout().dividedBy(2)));

        bench.registrar().register(ValidMetadata.metadata());

        assertThat(bench.secretStore.size()).isOne();
        assertThat(bench.clientsWithoutSecret()).isEmpty();
    }

    private static Consumer<IssuanceBench> fault(Consumer<IssuanceBench> setUp) {
        return setUp;
    }

    @Test
    void buildsTheClientUriOnTheConfiguredBase() {
        IssuanceBench elsewhere = new IssuanceBench(IssuanceSettings.of(URI.create("https://api.example.net/dcr/"), Duration.ZERO));

        JsonNode answer = elsewhere.registerValidClient();

        assertThat(answer.path("registration_client_uri").asText())
                .isEqualTo("https://api.example.net/dcr/register/" + SequentialIdSource.clientId(1).value());
    }

    @Test
    void refusesAnOpenRegistrationPastItsDomainsLimitBeforeProbingAndStoresNothing() {
        ClientsPerDomain full = new ClientsPerDomain(domain -> domain.equals("example.com") ? 25 : 0, 25,
                URI.create(ValidMetadata.MANUAL_REGISTRATION_URL));

        RegistrationOutcome outcome = bench.registrar().withDomainLimit(full).register(ValidMetadata.metadata());

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        RegistrationOutcome.Refused refused = (RegistrationOutcome.Refused) outcome;
        assertThat(refused.error().error()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(refused.error().description()).contains("25").contains(ValidMetadata.MANUAL_REGISTRATION_URL);
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.prober.probed()).isEmpty();
    }
}
