package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.PlannedUrlProber;
import health.registration.core.probe.ProbeLimits;
import health.registration.core.probe.ProbeSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ClientRegistrar#register(ClientMetadata, RegistrationPath)} on the manual path: the path is kept on the record,
 * and a secret is issued and stored only for clients that authenticate with one (policy section 1: "client_id
 * (+ secret where the grant needs one)").
 */
class ClientRegistrarManualTest {

    private final IssuanceBench bench = new IssuanceBench();

    private static ClientRegistrar manualRegistrar(IssuanceBench bench) {
        ProbeSettings probing = new ProbeSettings(ProbeLimits.defaults(), false, ValidMetadata.CONTEXT)
                .withUrlRules(Policies.manualUrlRules());
        RegistrationReview review = new RegistrationReview(Policies.manualRegistration(), ValidMetadata.CONTEXT,
                new PlannedUrlProber(bench.prober, probing));
        return new ClientRegistrar(review, bench.stores(), bench.ids, bench.clock, bench.settings);
    }

    private static JsonNode registerManually(IssuanceBench bench, ClientMetadata metadata) {
        RegistrationOutcome outcome = manualRegistrar(bench).register(metadata, RegistrationPath.MANUAL);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
        return IssuanceBench.json(((RegistrationOutcome.Registered) outcome).answer());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Relaxation.class)
    void issuesASecretOnlyToClientsThatAuthenticateWithOne(Relaxation relaxation) {
        JsonNode answer = registerManually(bench, ValidManualMetadata.metadata(relaxation));
        ClientId id = new ClientId(answer.path("client_id").asText());
        ClientRecord record = bench.clientStore.find(id).orElseThrow();

        assertThat(record.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(record.path()).isEqualTo(RegistrationPath.MANUAL);
        assertThat(answer.path("registration_access_token").asText()).isEqualTo(bench.ids.lastToken().value());
        assertThat(record.credentials().registrationTokenHash()).isEqualTo(bench.ids.lastToken().hash());
        if (relaxation.secretIssued()) {
            assertThat(answer.path("client_secret").asText()).isEqualTo(bench.ids.lastSecret().value());
            assertThat(bench.secretStore.read(id)).contains(bench.ids.lastSecret());
            assertThat(record.credentials().secretArn()).isEqualTo(bench.secretStore.arnOf(id).orElseThrow());
        } else {
            assertThat(answer.has("client_secret")).isFalse();
            assertThat(bench.ids.issuedSecrets()).isEmpty();
            assertThat(bench.secretStore.size()).isZero();
            assertThat(record.credentials().secretArn()).isNull();
        }
    }

    @Test
    void setsNoSecretExpiryForAClientWithoutASecret() {
        IssuanceBench expiring = new IssuanceBench(IssuanceSettings.of(IssuanceBench.PUBLIC_BASE_URL, Duration.ofDays(90)));

        JsonNode withSecret = registerManually(expiring, ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
        JsonNode withoutSecret = registerManually(expiring, ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_JWKS));

        assertThat(withSecret.path("client_secret_expires_at").asLong())
                .isEqualTo(IssuanceBench.START.plus(Duration.ofDays(90)).getEpochSecond());
        assertThat(withoutSecret.path("client_secret_expires_at").asLong()).as("RFC 7591 section 3.2.1").isZero();
    }

    @Test
    void registersAClientCredentialsClientWithNoResponseTypes() {
        JsonNode answer = registerManually(bench, ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));

        assertThat(answer.path("grant_types").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(answer.path("response_types").toString()).isEqualTo("[]");
        assertThat(bench.clientStore.all().get(0).metadata().toJson().path("response_types").toString()).isEqualTo("[]");
    }

    @Test
    void keepsThePublicClientsMethodAndNativeRedirectUris() {
        JsonNode answer = registerManually(bench, ValidManualMetadata.metadata(Relaxation.NATIVE_APP));

        assertThat(answer.path("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(answer.path("redirect_uris")).extracting(JsonNode::asText).containsExactly(
                ValidManualMetadata.PRIVATE_USE_REDIRECT, ValidManualMetadata.LOOPBACK_REDIRECT,
                ValidManualMetadata.IPV6_LOOPBACK_REDIRECT);
        assertThat(bench.prober.probedTargets()).extracting(t -> t.url())
                .doesNotContainAnyElementsOf(List.of(ValidManualMetadata.PRIVATE_USE_REDIRECT, ValidManualMetadata.LOOPBACK_REDIRECT,
                        ValidManualMetadata.IPV6_LOOPBACK_REDIRECT));
    }

    @Test
    void refusesWhatTheManualPolicyRefusesAndWritesNothing() {
        RegistrationOutcome outcome = manualRegistrar(bench).register(ValidMetadata.withRedirectUri("myapp:/cb"), RegistrationPath.MANUAL);

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        assertThat(bench.clientStore.size()).isZero();
        assertThat(bench.secretStore.size()).isZero();
    }

    @Test
    void registersOnTheOpenPathWhenNoPathIsNamed() {
        bench.registerValidClient();

        assertThat(bench.clientStore.all()).extracting(ClientRecord::path).containsExactly(RegistrationPath.OPEN);
    }

    @Test
    void infersTheOpenOrUdapPathOfARecordWrittenBeforePathsWereKept() {
        ClientRecord open = new ClientRecord(SequentialIdSource.clientId(1), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                new Credentials("arn", "hash", IssuanceBench.START, 0), checks(), IssuanceBench.START, IssuanceBench.START, 2);
        ClientRecord udap = new ClientRecord(SequentialIdSource.clientId(2), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                Credentials.ofCertificate(binding(), IssuanceBench.START), checks(), IssuanceBench.START, IssuanceBench.START, 2);

        assertThat(open.path()).isEqualTo(RegistrationPath.OPEN);
        assertThat(udap.path()).isEqualTo(RegistrationPath.UDAP);
        assertThat(open.next(ClientStatus.WARNING, open.metadata(), open.credentials(), open.checks(), IssuanceBench.START).path())
                .as("kept by every later version").isEqualTo(RegistrationPath.OPEN);
        assertThatThrownBy(() -> new ClientRecord(udap.clientId(), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                udap.credentials(), checks(), IssuanceBench.START, IssuanceBench.START, 2, RegistrationPath.MANUAL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRecord(open.clientId(), ClientStatus.ACTIVE, ValidMetadata.metadata(),
                open.credentials(), checks(), IssuanceBench.START, IssuanceBench.START, 2, RegistrationPath.UDAP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAndReadsThePathByItsCode() {
        for (RegistrationPath path : RegistrationPath.values()) {
            assertThat(RegistrationPath.ofCode(path.code())).isEqualTo(path);
        }
        assertThat(RegistrationPath.MANUAL.code()).isEqualTo("manual");
        assertThatThrownBy(() -> RegistrationPath.ofCode("MANUAL")).isInstanceOf(IllegalArgumentException.class);
    }

    private static UrlChecks checks() {
        return new UrlChecks(IssuanceBench.START, null, IssuanceBench.START.plus(Duration.ofDays(1)));
    }

    private static CertificateBinding binding() {
        return new CertificateBinding("https://app.example.com/udap", "https://community.example.org", "MIIB",
                "thumbprint-0000000000000000000000000000000");
    }

    @Test
    void theManualPathIsExemptFromTheClientsPerDomainLimit() {
        ClientsPerDomain full = new ClientsPerDomain(domain -> 1_000, 1, java.net.URI.create(ValidMetadata.MANUAL_REGISTRATION_URL));

        RegistrationOutcome outcome = manualRegistrar(bench).withDomainLimit(full)
                .register(ValidManualMetadata.metadata(Relaxation.values()[0]), RegistrationPath.MANUAL);

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
    }
}
