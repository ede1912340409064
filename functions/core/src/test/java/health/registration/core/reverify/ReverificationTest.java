package health.registration.core.reverify;

import health.registration.core.issue.StatusChange;
import java.security.cert.X509Certificate;
import static health.registration.core.reverify.ClientFixtures.active;
import static health.registration.core.reverify.ClientFixtures.certificate;
import static health.registration.core.reverify.ClientFixtures.checks;
import static health.registration.core.reverify.ClientFixtures.id;
import static health.registration.core.reverify.ClientFixtures.record;
import static health.registration.core.reverify.ClientFixtures.secret;
import static health.registration.core.reverify.ClientFixtures.stored;
import static health.registration.core.reverify.ReverificationBench.RUN;
import static health.registration.core.reverify.ReverificationBench.RUN_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientRegistrar;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientStores;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.policy.rules.ValidUdapMetadata;
import health.registration.core.port.FailingClientStore;
import health.registration.core.port.InMemorySecretStore;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.port.StoreUnavailable;
import health.registration.core.probe.FetchPurpose;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeTarget;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReverificationTest {

    private static final String CALLBACK = "https://app.example.com/callback";
    private static final String HOME = "https://app.example.com";
    private static final String LOGO = "https://app.example.com/logo.png";
    private static final String TERMS = "https://app.example.com/terms";
    private static final String PRIVACY = "https://app.example.com/privacy";

    private final ReverificationBench bench = new ReverificationBench();

    @AfterEach
    void stop() {
        bench.close();
    }

    /** Active clients with the valid fixture as stored, due at the first run. */
    private List<ClientId> addActiveClients(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> bench.add(active(id(n), stored(), RUN_AT)).clientId()).toList();
    }

    private Instant now() {
        return bench.clock.instant();
    }

    /** The stored fixture with URL members set, pairs of name and URL. */
    private static ClientMetadata withUrls(String... membersAndUrls) {
        ObjectNode json = stored().toJson();
        for (int i = 0; i < membersAndUrls.length; i += 2) {
            json.put(membersAndUrls[i], membersAndUrls[i + 1]);
        }
        return ClientMetadata.of(json);
    }

    @Nested
    class Transitions {

        @ParameterizedTest(name = "{0} with {1} failures, first {2} h ago, logo failing: {3} -> {4}, event {5}")
        @CsvSource({
            "ACTIVE,    0, ,   false, ACTIVE,    ",
            "ACTIVE,    0, ,   true,  WARNING,   URL_CHECK_FAILED",
            "WARNING,   1, 24, true,  WARNING,   URL_CHECK_FAILED",
            "WARNING,   2, 48, true,  WARNING,   URL_CHECK_FAILED",
            "WARNING,   3, 72, true,  SUSPENDED, SUSPENDED",
            "SUSPENDED, 4, 96, true,  SUSPENDED, ",
            "WARNING,   2, 48, false, ACTIVE,    REINSTATED",
            "SUSPENDED, 4, 96, false, ACTIVE,    REINSTATED",
        })
        void movesADueClientAlongItsLifecycle(ClientStatus status, int failures, Integer firstFailedHoursAgo, boolean logoFailing,
                                              ClientStatus expected, LifecycleEvent.Type event) {
            Instant firstFailedAt = firstFailedHoursAgo == null ? null : now().minus(Duration.ofHours(firstFailedHoursAgo));
            ClientRecord before = bench.add(record(id(1), status, stored(), secret(), checks(RUN_AT, failures, firstFailedAt, List.of(), List.of())));
            if (logoFailing) {
                bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
            }

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(after.status()).isEqualTo(expected);
            assertThat(after.checks().consecutiveFailures()).isEqualTo(logoFailing ? failures + 1 : 0);
            assertThat(after.checks().lastRunId()).isEqualTo(RUN);
            assertThat(bench.events.published()).extracting(LifecycleEvent::type)
                    .containsExactlyElementsOf(event == null ? List.of() : List.of(event));
            assertThat(summary.checked()).isOne();
            assertThat(logoFailing ? summary.failed() : summary.passed()).isOne();
            assertThat(summary.warned() + summary.suspended() + summary.reinstated()).isEqualTo(status == expected ? 0 : 1);
            ObjectNode reported = summary.toJson();
            assertThat(reported.path("run_id").asText()).isEqualTo(RUN);
            assertThat(reported.path("checked").asLong()).isOne();
            assertThat(reported.path("failed").asLong()).isEqualTo(summary.failed());
            assertThat(reported.path("warned").asLong() + reported.path("suspended").asLong() + reported.path("reinstated").asLong())
                    .isEqualTo(status == expected ? 0 : 1);
        }

        @Test
        void warnsThenSuspendsAClientFailingDailyAndReinstatesItOnceItsUrlsPassAgain() {
            ClientId client = bench.add(active(id(1), stored(), RUN_AT)).clientId();
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

            List<ClientStatus> statuses = IntStream.rangeClosed(0, 4).mapToObj(day -> {
                bench.runOnDay(day);
                return bench.stored(client).status();
            }).collect(Collectors.toList());
            bench.prober.passingAll();
            bench.runOnDay(5);
            statuses.add(bench.stored(client).status());

            assertThat(statuses).containsExactly(ClientStatus.WARNING, ClientStatus.WARNING, ClientStatus.WARNING,
                    ClientStatus.SUSPENDED, ClientStatus.SUSPENDED, ClientStatus.ACTIVE);
            assertThat(bench.events.published()).extracting(LifecycleEvent::type).containsExactly(
                    LifecycleEvent.Type.URL_CHECK_FAILED, LifecycleEvent.Type.URL_CHECK_FAILED, LifecycleEvent.Type.URL_CHECK_FAILED,
                    LifecycleEvent.Type.SUSPENDED, LifecycleEvent.Type.REINSTATED);
            assertThat(bench.stored(client).checks().history()).extracting(c -> c.from(), c -> c.to()).containsExactly(
                    tuple(ClientStatus.ACTIVE, ClientStatus.WARNING), tuple(ClientStatus.WARNING, ClientStatus.SUSPENDED),
                    tuple(ClientStatus.SUSPENDED, ClientStatus.ACTIVE));
        }

        @Test
        void checksOnlyClientsDueByTheRunsTime() {
            ClientId due = bench.add(active(id(1), stored(), RUN_AT)).clientId();
            ClientRecord notDue = bench.add(active(id(2), stored(), RUN_AT.plusSeconds(1)));

            RunSummary summary = bench.run();

            assertThat(bench.stored(due).checks().lastRunId()).isEqualTo(RUN);
            assertThat(bench.stored(notDue.clientId())).isEqualTo(notDue);
            assertThat(summary.selected()).isOne();
        }

        @Test
        void schedulesTheNextCheckByTheNextRun() {
            List<ClientId> ids = addActiveClients(20);

            bench.run();

            assertThat(ids).allSatisfy(id -> assertThat(bench.stored(id).checks().nextCheckAt())
                    .isAfter(now()).isBeforeOrEqualTo(RUN_AT.plus(Duration.ofDays(1))));
        }
    }

    @Nested
    class Judging {

        @Test
        void passesAClientJustRegisteredByTheRegistrar() {
            List<ClientMetadata> registrations = List.of(ValidMetadata.metadata(),
                    ValidMetadata.with("software_version", "\"4.2\""),
                    ValidMetadata.with("client_uri#fr", "\"https://app.example.com/fr\""),
                    ValidMetadata.with("grant_types", "[\"authorization_code\", \"refresh_token\"]"),
                    ValidMetadata.with("token_endpoint_auth_method", "\"client_secret_post\""));
            bench.clock.set(ClientFixtures.REGISTERED);
            ClientRegistrar registrar = new ClientRegistrar(
                    new RegistrationReview(Policies.openDynamicRegistration(), ValidMetadata.CONTEXT, bench.prober),
                    new ClientStores(bench.clients, new InMemorySecretStore()), new SequentialIdSource(), bench.clock,
                    IssuanceSettings.of(URI.create("https://register.example.org"), Duration.ZERO));
            registrations.forEach(metadata -> assertThat(registrar.register(metadata)).isInstanceOf(RegistrationOutcome.Registered.class));
            bench.clock.set(RUN_AT.plus(Duration.ofMinutes(1)));

            RunSummary summary = bench.run();

            assertThat(summary.checked()).isEqualTo(registrations.size());
            assertThat(summary.passed()).isEqualTo(registrations.size());
            assertThat(bench.store.all()).hasSize(registrations.size()).allSatisfy(client -> {
                assertThat(client.status()).isEqualTo(ClientStatus.ACTIVE);
                assertThat(client.checks().problems()).isEmpty();
                assertThat(client.checks().lastRunId()).isEqualTo(RUN);
            });
            assertThat(bench.events.statusEvents()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "a contact that is no email address | contacts                   | [\"not-an-email\"]                   | /contacts/0",
            "a contact outside the app's domain | contacts                   | [\"dev@elsewhere.org\"]              | /contacts  ",
            "a redirect URI over http           | redirect_uris              | [\"http://app.example.com/callback\"] | /redirect_uris/0",
            "a grant the open path refuses      | grant_types                | [\"client_credentials\"]             | /grant_types/0",
            "a required member removed          | client_name                |                                      | /client_name",
            "a stored symmetric key (section 9)  | jwks                       | {\"keys\": [{\"kty\": \"oct\", \"k\": \"c2VjcmV0\"}]} | /jwks/keys/0/kty",
            "a stored javascript: logout URI     | post_logout_redirect_uris  | [\"javascript:alert(1)\"]           | /post_logout_redirect_uris/0",
        })
        void failsAClientBreakingAStaticRuleHardWithoutProbingIt(String reason, String member, String json, String pointer) {
            ObjectNode metadata = ValidMetadata.set(stored().toJson(), member, json);
            ClientRecord before = bench.add(active(id(1), ClientMetadata.of(metadata), RUN_AT));

            bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(bench.prober.probedTargets()).isEmpty();
            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().problems()).extracting(CheckProblem::member).contains(pointer);
            assertThat(after.checks().problems()).allSatisfy(p -> {
                assertThat(p.kind()).isEqualTo(FailureKind.HARD);
                assertThat(p.url()).isNull();
            });
            assertThat(after.checks().lastReport()).as("the report of the last probing is kept").isEqualTo(before.checks().lastReport());
            assertThat(after.checks().nextCheckAt()).isAfter(now().plus(Duration.ofHours(20)));
        }

        @ParameterizedTest(name = "{1} at {0} -> {2}")
        @CsvSource({
            "https://app.example.com/logo.png,     NOT_FOUND,     WARNING, /logo_uri,        HARD",
            "https://app.example.com/logo.png,     NOT_AN_IMAGE,  WARNING, /logo_uri,        HARD",
            "https://app.example.com/callback,     REDIRECT,      WARNING, /redirect_uris/0, HARD",
            "https://app.example.com,              TLS_ERROR,     WARNING, /client_uri,      HARD",
            "https://app.example.com,              NOT_PUBLIC,    WARNING, /client_uri,      HARD",
            "https://keys.example.com/jwks.json,   NOT_PUBLIC,    WARNING, /jwks_uri,        HARD",
            "https://keys.example.com/jwks.json,   CLIENT_ERROR,  WARNING, /jwks_uri,        HARD",
            "https://app.example.com,              TIMEOUT,       WARNING, /client_uri,      TRANSIENT",
            "https://app.example.com/callback,     SERVER_ERROR,  WARNING, /redirect_uris/0, TRANSIENT",
            "https://app.example.com/callback,     DNS_ERROR,     WARNING, /redirect_uris/0, TRANSIENT",
            // terms and policy failures only warn (policy section 5), so the client passes
            "https://app.example.com/terms,        NOT_FOUND,     ACTIVE,  ,                 ",
            "https://app.example.com/privacy,      TIMEOUT,       ACTIVE,  ,                 ",
        })
        void judgesWhatProbingFound(String url, ProbeOutcome outcome, ClientStatus expected, String member, FailureKind kind) {
            ObjectNode metadata = stored().toJson();
            metadata.put("jwks_uri", "https://keys.example.com/jwks.json");
            ClientId client = bench.add(active(id(1), ClientMetadata.of(metadata), RUN_AT)).clientId();
            bench.prober.failing(url, outcome);

            bench.run();

            ClientRecord after = bench.stored(client);
            assertThat(after.status()).isEqualTo(expected);
            if (member == null) {
                assertThat(after.checks().problems()).isEmpty();
                return;
            }
            assertThat(after.checks().problems()).singleElement().satisfies(p -> {
                assertThat(p.member()).isEqualTo(member);
                assertThat(p.url()).isEqualTo(url);
                assertThat(p.code()).isEqualTo(outcome.code());
                assertThat(p.kind()).isEqualTo(kind);
            });
            Instant regularly = RUN_AT.plus(Duration.ofDays(1)).minus(ReverificationSettings.defaults().jitter());
            if (kind == FailureKind.TRANSIENT) {
                assertThat(after.checks().nextCheckAt()).isEqualTo(now().plus(ReverificationSettings.defaults().transientRecheck()));
            } else {
                assertThat(after.checks().nextCheckAt()).isAfterOrEqualTo(regularly);
            }
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "UDAP client_credentials bound to a certificate  | CC   | certificate | ACTIVE",
            "UDAP authorization_code bound to a certificate  | AC   | certificate | ACTIVE",
            "UDAP client_credentials holding a secret        | CC   | secret      | WARNING",
            "open-path client bound to a certificate         | OPEN | certificate | WARNING",
            "open-path client holding a secret               | OPEN | secret      | ACTIVE",
        })
        void judgesAClientByThePolicyOfThePathItRegisteredBy(String reason, String fixture, String credentials, ClientStatus expected) {
            ClientMetadata metadata = fixture.equals("OPEN") ? stored() : ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.valueOf(fixture));
            Credentials held = credentials.equals("certificate") ? certificate() : secret();
            ClientId client = bench.add(record(id(1), ClientStatus.ACTIVE, metadata, held, checks(RUN_AT, 0, null, List.of(), List.of()))).clientId();

            bench.run();

            assertThat(bench.stored(client).status()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "HTTP {0} at client_uri -> transient")
        @ValueSource(ints = {401, 403, 429})
        void countsAnAnswerThatRefusesTheProberAsTransientNotHard(int status) {
            ClientId client = bench.add(active(id(1), stored(), RUN_AT)).clientId();
            bench.prober.answeringStatus("https://app.example.com", status, null);

            bench.run();

            ClientRecord after = bench.stored(client);
            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().problems()).singleElement().satisfies(p -> {
                assertThat(p.member()).isEqualTo("/client_uri");
                assertThat(p.kind()).isEqualTo(FailureKind.TRANSIENT);
            });
            assertThat(after.checks().nextCheckAt()).isEqualTo(now().plus(ReverificationSettings.defaults().transientRecheck()));
        }

        @ParameterizedTest(name = "{0}: Retry-After {1} -> next check in {2}")
        @CsvSource(delimiter = '|', textBlock = """
                delay-seconds                         | 7200                          | PT2H
                below the usual deferral              | 5                             | PT1H
                beyond the check interval             | 9999999                       | PT24H
                """)
        void defersAClientWhoseHostAsksToRetryAfterWithoutCountingAFailure(String reason, String retryAfter, Duration wait) {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            bench.prober.answeringStatus("https://app.example.com", 429, retryAfter);

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(after.checks().consecutiveFailures()).isZero();
            assertThat(after.checks().nextCheckAt()).as(reason).isEqualTo(now().plus(wait));
            assertThat(summary.deferred()).isOne();
            assertThat(bench.events.published()).isEmpty();
        }

        @Test
        void honoursAnHttpDateRetryAfterOfA503() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            String inThreeHours = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(now().plus(Duration.ofHours(3)).atZone(java.time.ZoneOffset.UTC));
            bench.prober.answeringStatus("https://app.example.com/callback", 503, inThreeHours);

            bench.run();

            assertThat(bench.stored(before.clientId()).checks().nextCheckAt()).isEqualTo(now().plus(Duration.ofHours(3)));
            assertThat(bench.stored(before.clientId()).checks().consecutiveFailures()).isZero();
        }

        @Test
        void stillCountsAHardFailureBesideAHostAskingToRetryLater() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            bench.prober.answeringStatus("https://app.example.com", 429, "7200");
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

            bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().consecutiveFailures()).isOne();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "certificate expired before the run       | expired | certificate_expired",
            "certificate listed on its issuer's CRL   | revoked | certificate_revoked",
        })
        void suspendsAUdapClientAtOnceWhenItsCertificateNoLongerHolds(String reason, String fault, String code) {
            X509Certificate leaf = ClientFixtures.leaf(fault.equals("expired") ? RUN_AT : RUN_AT.plus(Duration.ofDays(300)),
                    ClientFixtures.CRL_URL);
            bench.crls.with(ClientFixtures.CRL_URL, fault.equals("revoked")
                    ? ClientFixtures.CA.crl(RUN_AT, RUN_AT.plus(Duration.ofDays(1)), leaf)
                    : ClientFixtures.CA.crl(RUN_AT, RUN_AT.plus(Duration.ofDays(1))));
            ClientId client = bench.add(record(id(1), ClientStatus.ACTIVE,
                    ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC),
                    Credentials.ofCertificate(ClientFixtures.binding(leaf), ClientFixtures.REGISTERED),
                    checks(RUN_AT, 0, null, List.of(), List.of()))).clientId();

            bench.run();

            ClientRecord after = bench.stored(client);
            assertThat(after.status()).as(reason).isEqualTo(ClientStatus.SUSPENDED);
            assertThat(after.checks().history()).last().satisfies(change ->
                    assertThat(change.reason()).isEqualTo(StatusChange.CERTIFICATE_INVALID));
            assertThat(after.checks().problems()).anySatisfy(p -> {
                assertThat(p.code()).isEqualTo(code);
                assertThat(p.kind()).isEqualTo(FailureKind.HARD);
            });
            assertThat(bench.events.published()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(LifecycleEvent.Type.SUSPENDED);
                assertThat(event.problems()).extracting(CheckProblem::code).contains(code);
            });
        }

        @ParameterizedTest(name = "URLs {0}, certificate {1} -> {2}")
        @CsvSource(delimiter = '|', value = {
            "fail     | revoked     | SUSPENDED | certificate_revoked, not_found",
            "deferred | revoked     | SUSPENDED | certificate_revoked",
            "deferred | crl missing | ACTIVE    | ''",
            "pass     | crl missing | WARNING   | certificate_revocation_unknown",
        })
        void judgesAUdapClientByItsUrlsAndItsCertificateTogether(String urls, String certificate, ClientStatus status,
                                                                 String codes) {
            X509Certificate leaf = ClientFixtures.leaf(RUN_AT.plus(Duration.ofDays(300)), ClientFixtures.CRL_URL);
            if (certificate.equals("revoked")) {
                bench.crls.with(ClientFixtures.CRL_URL, ClientFixtures.CA.crl(RUN_AT, RUN_AT.plus(Duration.ofDays(1)), leaf));
            }
            ClientMetadata metadata = ValidUdapMetadata.metadata(ValidUdapMetadata.Grant.CC);
            String url = metadata.urls().get(0).text();
            switch (urls) {
                case "fail" -> bench.prober.failing(url, ProbeOutcome.NOT_FOUND);
                case "deferred" -> bench.prober.failing(url, ProbeOutcome.RATE_LIMITED);
                default -> bench.prober.passingAll();
            }
            ClientId client = bench.add(record(id(1), ClientStatus.ACTIVE, metadata,
                    Credentials.ofCertificate(ClientFixtures.binding(leaf), ClientFixtures.REGISTERED),
                    checks(RUN_AT, 0, null, List.of(), List.of()))).clientId();

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(client);
            assertThat(after.status()).isEqualTo(status);
            List<String> expected = codes.isEmpty() ? List.of() : List.of(codes.split(", "));
            assertThat(after.checks().problems()).extracting(CheckProblem::code).containsExactlyElementsOf(expected);
            assertThat(summary.deferred()).isEqualTo(codes.isEmpty() ? 1 : 0);
        }

        @Test
        void defersAClientWhoseHostRefusedToBeProbedWithoutCountingAFailure() {
            ClientRecord before = bench.add(record(id(1), ClientStatus.WARNING, stored(), secret(),
                    checks(RUN_AT, 1, RUN_AT.minus(Duration.ofDays(1)), List.of(), List.of())));
            bench.prober.failing(LOGO, ProbeOutcome.RATE_LIMITED);

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().consecutiveFailures()).isOne();
            assertThat(after.checks().nextCheckAt()).isEqualTo(now().plus(ReverificationSettings.defaults().deferredRecheck()));
            assertThat(summary.deferred()).isOne();
            assertThat(summary.checked()).isZero();
            assertThat(bench.events.published()).isEmpty();
        }

        @Test
        void defersEveryClientWhenTheProberDoesNotAnswer() {
            List<ClientId> ids = addActiveClients(3);
            bench.prober.duringNextProbe(() -> {
                throw new StoreUnavailable("the probe function did not answer (injected)", null);
            });

            RunSummary summary = bench.run();

            assertThat(summary.deferred()).isEqualTo(3);
            assertThat(ids).allSatisfy(id -> {
                assertThat(bench.stored(id).status()).isEqualTo(ClientStatus.ACTIVE);
                assertThat(bench.stored(id).checks().consecutiveFailures()).isZero();
            });
        }
    }

    @Nested
    class Probing {

        @Test
        void probesAUrlSharedByManyClientsOncePerRun() {
            addActiveClients(30);

            RunSummary summary = bench.run();

            assertThat(bench.prober.probedTargets()).extracting(ProbeTarget::url)
                    .containsExactlyInAnyOrder(CALLBACK, HOME, LOGO, TERMS, PRIVACY);
            assertThat(summary.urlReferences()).isEqualTo(30 * 5);
            assertThat(summary.probesMade()).isEqualTo(5);
            assertThat(summary.checked()).isEqualTo(30);
            assertThat(summary.passed()).isEqualTo(30);
        }

        @Test
        void probesAUrlOnceAsAnImageWhenOneClientsPageIsAnothersLogo() {
            String shared = "https://shared.example.com/brand.png";
            ClientMetadata pageOfOne = ClientMetadata.of(ValidMetadata.set(stored().toJson(), "policy_uri", "\"" + shared + "\""));
            ClientMetadata logoOfOther = ClientMetadata.of(ValidMetadata.set(stored().toJson(), "logo_uri", "\"" + shared + "\""));
            bench.add(active(id(1), pageOfOne, RUN_AT));
            bench.add(active(id(2), logoOfOther, RUN_AT));

            bench.run();

            assertThat(bench.prober.probedTargets()).filteredOn(t -> t.url().equals(shared))
                    .containsExactly(new ProbeTarget(shared, FetchPurpose.IMAGE));
            assertThat(bench.store.all()).isNotEmpty().allSatisfy(c -> assertThat(c.status()).isEqualTo(ClientStatus.ACTIVE));
        }

        @Test
        void defersAClientWhoseLogoWasProbedOnlyAsAPageThisRun() {
            String shared = "https://app.example.com/brand.png";
            ClientId pageFirst = bench.add(active(id(1), withUrls("client_uri", shared), RUN_AT)).clientId();
            ClientId logoLater = bench.add(active(id(2), withUrls("client_uri", shared, "logo_uri", shared), RUN_AT)).clientId();
            bench.sized(1, 10_000, 1_000);
            // The first page's probes are made; the prober is unavailable for the second page's, the logo's image probe.
            bench.prober.duringNextProbe(() -> bench.prober.duringNextProbe(() -> {
                throw new StoreUnavailable("the probe function did not answer (injected)", null);
            }));

            RunSummary summary = bench.run();

            assertThat(bench.prober.probedTargets()).filteredOn(t -> t.url().equals(shared))
                    .extracting(ProbeTarget::purpose).containsExactly(FetchPurpose.PAGE, FetchPurpose.IMAGE);
            assertThat(bench.stored(pageFirst).status()).isEqualTo(ClientStatus.ACTIVE);
            ClientRecord deferred = bench.stored(logoLater);
            assertThat(deferred.status()).as("a page probe says nothing about a logo").isEqualTo(ClientStatus.ACTIVE);
            assertThat(deferred.checks().consecutiveFailures()).isZero();
            assertThat(deferred.checks().nextCheckAt()).isEqualTo(now().plus(ReverificationSettings.defaults().deferredRecheck()));
            assertThat(summary.deferred()).isOne();
        }

        @Test
        void probesAgainInTheNextRun() {
            addActiveClients(2);

            bench.runOnDay(0);
            bench.runOnDay(1);

            assertThat(bench.prober.probedTargets()).hasSize(10);
        }
    }

    @Nested
    class Restarts {

        @ParameterizedTest(name = "{0} call {1} of {2} fails")
        @CsvSource({
            "before applying, 1, REPLACE",
            "before applying, 4, REPLACE",
            "before applying, 9, REPLACE",
            "after applying,  1, REPLACE",
            "after applying,  6, REPLACE",
            "before applying, 2, DUE",
            "before applying, 3, DUE",
        })
        void restartsWithTheSameRunIdCheckingEveryClientExactlyOnce(String timing, int nth, FailingClientStore.Operation operation)
                throws InterruptedException {
            List<ClientId> ids = addActiveClients(6);
            bench.sized(2, 10_000, 1_000);
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
            if (timing.startsWith("before")) {
                bench.clients.failOn(operation, nth);
            } else {
                bench.clients.failAfterApplying(operation, nth);
            }

            assertThatThrownBy(bench::run).isInstanceOf(StoreUnavailable.class);
            bench.quiesce();
            long leftUnchecked = ids.stream().filter(id -> bench.stored(id).checks().lastRunId() == null).count();
            RunSummary restarted = bench.run();

            assertThat(ids).allSatisfy(id -> {
                ClientRecord after = bench.stored(id);
                assertThat(after.checks().consecutiveFailures()).as("failures of %s", id.value()).isOne();
                assertThat(after.checks().lastRunId()).isEqualTo(RUN);
                assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            });
            assertThat(leftUnchecked).as("the failure stopped the run midway").isPositive();
            assertThat(restarted.checked()).isEqualTo(leftUnchecked);
            Map<ClientId, Set<String>> eventIds = bench.events.published().stream().collect(
                    Collectors.groupingBy(LifecycleEvent::clientId, Collectors.mapping(LifecycleEvent::id, Collectors.toSet())));
            assertThat(eventIds.values()).isNotEmpty().allSatisfy(idsOfOneClient -> assertThat(idsOfOneClient).hasSize(1));
        }

        @Test
        void skipsAClientTheRunHasAlreadyChecked() {
            ClientRecord checked = bench.add(record(id(1), ClientStatus.WARNING, stored(), secret(),
                    new UrlChecks(now(), ClientFixtures.REGISTRATION_REPORT, RUN_AT, 1, now(),
                            List.of(ClientFixtures.problem("/logo_uri", FailureKind.HARD)), RUN, List.of(), List.of())));

            RunSummary summary = bench.run();

            assertThat(bench.stored(checked.clientId())).isEqualTo(checked);
            assertThat(bench.prober.probedTargets()).isEmpty();
            assertThat(summary.skipped()).isOne();
            assertThat(summary.checked()).isZero();
        }
    }

    @Nested
    class ConcurrentWriters {

        @Test
        void leavesAConcurrentUpdateOfTheMetadataInPlaceAndCountsAConflict() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            ClientMetadata renamed = ClientMetadata.of(ValidMetadata.set(stored().toJson(), "client_name", "\"Renamed App\""));
            ClientRecord updated = before.next(ClientStatus.ACTIVE, renamed, before.credentials(),
                    before.checks().reviewed(now(), new ProbeReport(List.of()), now().plus(Duration.ofDays(1))), now());
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND).duringNextProbe(() -> bench.store.replace(updated));

            RunSummary summary = bench.run();

            assertThat(bench.stored(before.clientId())).isEqualTo(updated);
            assertThat(summary.conflicts()).isOne();
            assertThat(summary.checked()).isZero();
            assertThat(bench.events.published()).isEmpty();
        }

        @Test
        void appliesTheCheckOnceMoreOverAConcurrentChangeThatLeftTheMetadataAlone() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            ClientRecord rotated = before.next(before.status(), before.metadata(), before.credentials().withTokenHash("rotated-hash"),
                    before.checks(), now());
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND).duringNextProbe(() -> bench.store.replace(rotated));

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(after.credentials().registrationTokenHash()).isEqualTo("rotated-hash");
            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().consecutiveFailures()).isOne();
            assertThat(summary.checked()).isOne();
            assertThat(summary.conflicts()).isZero();
            assertThat(bench.events.published()).singleElement().satisfies(e -> assertThat(e.previousStatus()).isEqualTo(ClientStatus.ACTIVE));
        }

        @Test
        void givesUpAfterASecondConflictingWriteAndCountsAConflict() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
            bench.clients.interfereBefore(FailingClientStore.Operation.REPLACE, 1, () -> rotateToken(before.clientId(), "first"))
                    .interfereBefore(FailingClientStore.Operation.REPLACE, 2, () -> rotateToken(before.clientId(), "second"));

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(before.clientId());
            assertThat(bench.clients.calls(FailingClientStore.Operation.REPLACE)).as("two attempts, no third").isEqualTo(2);
            assertThat(after.credentials().registrationTokenHash()).isEqualTo("second");
            assertThat(after.checks().consecutiveFailures()).isZero();
            assertThat(summary.conflicts()).isOne();
            assertThat(summary.checked()).isZero();
        }

        private void rotateToken(ClientId clientId, String tokenHash) {
            ClientRecord current = bench.stored(clientId);
            bench.store.replace(current.next(current.status(), current.metadata(),
                    current.credentials().withTokenHash(tokenHash), current.checks(), now()));
        }

        @Test
        void dropsTheCheckOfAClientDeletedMeanwhile() {
            ClientRecord before = bench.add(active(id(1), stored(), RUN_AT));
            ClientRecord deleting = before.withStatus(ClientStatus.DELETING, now());
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND).duringNextProbe(() -> bench.store.replace(deleting));

            RunSummary summary = bench.run();

            assertThat(bench.stored(before.clientId())).isEqualTo(deleting);
            assertThat(summary.checked()).isZero();
            assertThat(summary.skipped()).isOne();
        }
    }

    @Nested
    class Segments {

        private List<ClientId> ids;

        private void elevenClientsWithAFailingLogo() {
            bench.sized(4, 4, 2);
            ids = addActiveClients(11);
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
        }

        private List<ClientId> uncheckedIds() {
            return ids.stream().filter(id -> bench.stored(id).checks().lastRunId() == null).toList();
        }

        @Test
        void queuesTheClientsBeyondTheInlineLimitInSegments() {
            elevenClientsWithAFailingLogo();

            RunSummary summary = bench.run();

            assertThat(summary.selected()).isEqualTo(11);
            assertThat(summary.checked()).isEqualTo(4);
            assertThat(bench.queue.segments()).isNotEmpty().allSatisfy(s -> {
                assertThat(s.runId()).isEqualTo(RUN);
                assertThat(s.runAt()).isEqualTo(RUN_AT);
                assertThat(s.clientIds()).hasSizeBetween(1, 2);
            });
            assertThat(bench.queue.segments().stream().flatMap(s -> s.clientIds().stream()))
                    .containsExactlyInAnyOrderElementsOf(uncheckedIds()).hasSize(7);
            assertThat(summary.queuedSegments()).isEqualTo(bench.queue.segments().size());
            assertThat(summary.queuedClients()).isEqualTo(7);
        }

        @Test
        void checksTheClientsOfAQueuedSegmentOnceHoweverOftenItIsDelivered() {
            elevenClientsWithAFailingLogo();
            bench.run();
            List<ReverificationSegment> segments = bench.queue.segments();

            long checkedByWorkers = segments.stream().mapToLong(s -> bench.reverification().runSegment(s, bench.stopAt()).checked()).sum();
            int probesBeforeRedelivery = bench.prober.probedTargets().size();
            List<RunSummary> redelivered = segments.stream().map(s -> bench.reverification().runSegment(s, bench.stopAt())).toList();

            assertThat(checkedByWorkers).isEqualTo(7);
            assertThat(redelivered).isNotEmpty().allSatisfy(s -> assertThat(s.checked()).isZero());
            assertThat(redelivered.stream().mapToLong(RunSummary::skipped).sum()).isEqualTo(7);
            assertThat(bench.prober.probedTargets()).hasSize(probesBeforeRedelivery);
            assertThat(ids).allSatisfy(id -> assertThat(bench.stored(id).checks().consecutiveFailures()).isOne());
        }

        @Test
        void skipsAQueuedClientThatIsNoLongerDueWhenItsSegmentIsChecked() {
            elevenClientsWithAFailingLogo();
            bench.run();
            ReverificationSegment segment = bench.queue.segments().get(0);
            ClientRecord queued = bench.stored(segment.clientIds().get(0));
            ClientRecord updatedMeanwhile = queued.next(queued.status(), queued.metadata(), queued.credentials(),
                    queued.checks().reviewed(now(), new ProbeReport(List.of()), now().plus(Duration.ofDays(1))), now());
            bench.store.replace(updatedMeanwhile);

            RunSummary summary = bench.reverification().runSegment(segment, bench.stopAt());

            assertThat(bench.stored(queued.clientId())).isEqualTo(updatedMeanwhile);
            assertThat(summary.skipped()).isOne();
            assertThat(summary.checked()).isEqualTo(segment.clientIds().size() - 1);
        }

        @Test
        void checksASegmentDeliveredTwiceAtOnceOnce() {
            elevenClientsWithAFailingLogo();
            bench.run();
            ReverificationSegment segment = bench.queue.segments().get(0);
            Reverification first = bench.reverification(), second = bench.reverification();

            CompletableFuture<RunSummary> one = CompletableFuture.supplyAsync(() -> first.runSegment(segment, bench.stopAt()));
            CompletableFuture<RunSummary> other = CompletableFuture.supplyAsync(() -> second.runSegment(segment, bench.stopAt()));

            assertThat(one.join().checked() + other.join().checked()).isEqualTo(segment.clientIds().size());
            assertThat(segment.clientIds()).isNotEmpty().allSatisfy(id -> assertThat(bench.stored(id).checks().consecutiveFailures()).isOne());
            assertThat(bench.events.published()).filteredOn(e -> segment.clientIds().contains(e.clientId()))
                    .hasSize(segment.clientIds().size());
        }

        @Test
        void queuesTheRestOnceTheStopTimeHasPassedAndARestartQueuesNobodyChecked() {
            bench.sized(4, 10_000, 2);
            ids = addActiveClients(11);
            Instant stopAt = bench.stopAt();
            bench.prober.duringNextProbe(() -> bench.clock.set(stopAt));

            RunSummary stopped = bench.reverification().run(RUN, RUN_AT, stopAt);
            RunSummary restarted = bench.reverification().run(RUN, RUN_AT, stopAt);
            bench.queue.segments().forEach(s -> bench.reverification().runSegment(s, stopAt.plus(Duration.ofMinutes(15))));

            assertThat(stopped.checked()).isEqualTo(4);
            assertThat(stopped.queuedClients()).isEqualTo(7);
            assertThat(restarted.checked()).isZero();
            assertThat(restarted.queuedClients()).as("a restart re-queues only clients still unchecked").isEqualTo(7);
            assertThat(ids).allSatisfy(id -> {
                assertThat(bench.stored(id).checks().lastRunId()).isEqualTo(RUN);
                assertThat(bench.stored(id).checks().lastCheckedAt()).isNotNull();
            });
            assertThat(bench.store.all()).hasSize(ids.size()).allSatisfy(c -> assertThat(c.version()).as("checked once: one write").isEqualTo(3));
        }
    }

    @Nested
    class OperatorChecks {

        @Test
        void checksAClientThatIsNotDue() {
            ClientRecord before = bench.add(active(id(1), stored(), now().plus(Duration.ofHours(10))));
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

            ClientRecord after = bench.reverification().checkNow(before.clientId()).orElseThrow();

            assertThat(after.status()).isEqualTo(ClientStatus.WARNING);
            assertThat(after.checks().lastCheckedAt()).isEqualTo(now());
            assertThat(after.checks().lastRunId()).startsWith("operator:" + before.clientId().value());
            assertThat(after.checks().nextCheckAt()).isAfter(now());
            assertThat(bench.prober.probedTargets()).hasSize(5);
            assertThat(bench.events.published()).hasSize(1);
            assertThat(after).isEqualTo(bench.stored(before.clientId()));
        }

        @Test
        void findsNoClientThatIsHiddenOrUnknown() {
            ClientRecord deleting = bench.add(active(id(1), stored(), RUN_AT)).withStatus(ClientStatus.DELETING, now());
            bench.store.replace(deleting);

            assertThat(bench.reverification().checkNow(deleting.clientId())).isEmpty();
            assertThat(bench.reverification().checkNow(id(2))).isEmpty();
            assertThat(bench.prober.probedTargets()).isEmpty();
            assertThat(bench.stored(deleting.clientId())).isEqualTo(deleting);
        }
    }

    @Nested
    class Events {

        @Test
        void publishesTheEventsOfACheckThenClearsThemFromTheRecord() {
            ClientId client = bench.add(active(id(1), stored(), RUN_AT)).clientId();
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);

            RunSummary summary = bench.run();

            ClientRecord after = bench.stored(client);
            assertThat(bench.events.published()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo(LifecycleEvent.Type.URL_CHECK_FAILED);
                assertThat(e.id()).isEqualTo(client.value() + ":" + (after.version() - 1));
                assertThat(e.problems()).isEqualTo(after.checks().problems());
            });
            assertThat(after.checks().pendingEvents()).isEmpty();
            assertThat(summary.eventsUnsent()).isZero();
        }

        @Test
        void keepsEventsWhosePublicationFailedAndPublishesThemWithTheNextCheck() {
            ClientId client = bench.add(active(id(1), stored(), RUN_AT)).clientId();
            bench.prober.failing(LOGO, ProbeOutcome.NOT_FOUND);
            bench.events.failing();

            RunSummary failedToPublish = bench.runOnDay(0);
            List<LifecycleEvent> kept = bench.stored(client).checks().pendingEvents();
            bench.events.working();
            bench.prober.passingAll();
            bench.runOnDay(1);

            assertThat(failedToPublish.eventsUnsent()).isOne();
            assertThat(kept).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.URL_CHECK_FAILED);
            assertThat(bench.events.published()).extracting(LifecycleEvent::type)
                    .containsExactly(LifecycleEvent.Type.URL_CHECK_FAILED, LifecycleEvent.Type.REINSTATED);
            assertThat(bench.events.published().get(0)).isEqualTo(kept.get(0));
            assertThat(bench.stored(client).checks().pendingEvents()).isEmpty();
        }
    }
}
