package health.registration.core.reverify;

import static health.registration.core.reverify.ClientFixtures.REGISTERED;
import static health.registration.core.reverify.ClientFixtures.checks;
import static health.registration.core.reverify.ClientFixtures.id;
import static health.registration.core.reverify.ClientFixtures.secret;
import static health.registration.core.reverify.ReverificationBench.RUN_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.issue.StatusChange;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Re-verification of manually registered clients: held to the manual path's policy, with their URLs planned by its URL
 * rules, so a native app's redirect URIs and client_credentials grant pass and are never probed, while its web URLs
 * are probed as any client's.
 */
class ReverificationManualTest {

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String LOGO = "https://app.example.com/logo.png";

    private final ReverificationBench bench = new ReverificationBench();

    @AfterEach
    void stop() {
        bench.close();
    }

    /** A native app that also calls the API as a service: private-use and loopback redirects, and client_credentials. */
    private static ClientMetadata nativeAppWithClientCredentials() {
        ObjectNode json = ValidMetadata.json();
        json.putArray("redirect_uris").add(ValidManualMetadata.PRIVATE_USE_REDIRECT).add(ValidManualMetadata.LOOPBACK_REDIRECT)
                .add(CALLBACK);
        json.putArray("grant_types").add("authorization_code").add("client_credentials");
        return ClientMetadata.of(json).withDefaults();
    }

    private ClientRecord add(ClientMetadata metadata, RegistrationPath path, Credentials credentials, ClientStatus status,
                             List<StatusChange> history) {
        return bench.add(new ClientRecord(id(1), status, metadata, credentials, checks(RUN_AT, 0, null, history, List.of()),
                REGISTERED, REGISTERED, 2, path));
    }

    @Test
    void passesAManualClientWithNativeRedirectUrisAndClientCredentialsWithoutProbingThem() {
        ClientId id = add(nativeAppWithClientCredentials(), RegistrationPath.MANUAL, secret(), ClientStatus.ACTIVE, List.of()).clientId();

        RunSummary summary = bench.run();

        ClientRecord after = bench.stored(id);
        assertThat(summary.checked()).isOne();
        assertThat(summary.passed()).isOne();
        assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(after.checks().problems()).isEmpty();
        assertThat(bench.prober.probedTargets()).extracting(ProbeTarget::url)
                .doesNotContain(ValidManualMetadata.PRIVATE_USE_REDIRECT, ValidManualMetadata.LOOPBACK_REDIRECT)
                .contains(CALLBACK, LOGO);
        assertThat(bench.prober.probed()).isEmpty();
        assertThat(after.checks().lastReport().results()).filteredOn(r -> r.pointer().startsWith("/redirect_uris/"))
                .extracting(ProbeResult::pointer, ProbeResult::outcome, ProbeResult::verdict).containsExactly(
                        tuple("/redirect_uris/0", ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                        tuple("/redirect_uris/1", ProbeOutcome.NOT_PROBED, ProbeVerdict.PASS),
                        tuple("/redirect_uris/2", ProbeOutcome.OK, ProbeVerdict.PASS));
        assertThat(bench.events.published()).isEmpty();
    }

    @Test
    void failsTheSameMetadataOnTheOpenPathWhichDoesNotRelaxIt() {
        ClientId id = add(nativeAppWithClientCredentials(), RegistrationPath.OPEN, secret(), ClientStatus.ACTIVE, List.of()).clientId();

        bench.run();

        ClientRecord after = bench.stored(id);
        assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
        assertThat(after.checks().problems()).extracting(p -> p.member())
                .contains("/redirect_uris/0", "/redirect_uris/1", "/grant_types/1");
        assertThat(bench.prober.probedTargets()).as("a client refused statically is not probed").isEmpty();
    }

    @Test
    void stillProbesAManualClientsLogo() {
        ClientId id = add(nativeAppWithClientCredentials(), RegistrationPath.MANUAL, secret(), ClientStatus.ACTIVE, List.of()).clientId();
        bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

        bench.run();

        ClientRecord after = bench.stored(id);
        assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
        assertThat(after.checks().problems()).extracting(p -> p.member(), p -> p.url(), p -> p.code())
                .containsExactly(tuple("/logo_uri", LOGO, "not_found"));
        assertThat(bench.events.published()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.URL_CHECK_FAILED);
    }

    @Test
    void passesAManualPublicClientWithoutASecret() {
        ObjectNode json = ValidManualMetadata.json(ValidManualMetadata.Relaxation.NATIVE_APP);
        Credentials noSecret = new Credentials(null, "token-hash", REGISTERED, 0);
        ClientId id = add(ClientMetadata.of(json).withDefaults(), RegistrationPath.MANUAL, noSecret, ClientStatus.ACTIVE, List.of())
                .clientId();

        RunSummary summary = bench.run();

        assertThat(summary.passed()).isOne();
        assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.ACTIVE);
    }

    @Test
    void keepsAnOperatorSuspendedManualClientSuspendedWhenItsChecksPass() {
        List<StatusChange> history = List.of(new StatusChange(REGISTERED, ClientStatus.ACTIVE, ClientStatus.SUSPENDED,
                StatusChange.SUSPENDED_BY_OPERATOR));
        ClientId id = add(nativeAppWithClientCredentials(), RegistrationPath.MANUAL, secret(), ClientStatus.SUSPENDED, history).clientId();

        RunSummary summary = bench.run();

        ClientRecord after = bench.stored(id);
        assertThat(summary.passed()).isOne();
        assertThat(summary.reinstated()).isZero();
        assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
        assertThat(after.checks().history()).isEqualTo(history);
        assertThat(bench.events.published()).isEmpty();
    }
}
