package health.registration.core.reverify;

import static health.registration.core.reverify.ClientFixtures.checks;
import static health.registration.core.reverify.ClientFixtures.id;
import static health.registration.core.reverify.ClientFixtures.problem;
import static health.registration.core.reverify.ClientFixtures.record;
import static health.registration.core.reverify.ClientFixtures.secret;
import static health.registration.core.reverify.ClientFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.probe.ProbeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ClientLifecycleTest {

    private static final Instant RUN_AT = Instant.parse("2026-03-10T03:00:00Z");
    private static final Instant NOW = RUN_AT.plus(Duration.ofMinutes(5));
    private static final String RUN = "run-2026-03-10";
    private static final ProbeReport FRESH_REPORT = new ProbeReport(List.of());

    /** The production grace period and schedule, without jitter, so that due times can be stated exactly. */
    private static final ReverificationSettings EXACT = new ReverificationSettings(Duration.ofHours(24), Duration.ZERO,
            Duration.ofHours(6), Duration.ofHours(1), 3, Duration.ofHours(72), 500, 10_000, 1_000, 200, 8, 120);

    private final ClientLifecycle lifecycle = new ClientLifecycle(EXACT);

    enum Verdict { PASS, HARD, TRANSIENT, DEFERRED }

    private static CheckVerdict verdict(Verdict kind) {
        return switch (kind) {
            case PASS -> new CheckVerdict.Passed(FRESH_REPORT);
            case HARD -> new CheckVerdict.Failed(FRESH_REPORT, List.of(problem("/logo_uri", FailureKind.HARD),
                    problem("/client_uri", FailureKind.TRANSIENT)));
            case TRANSIENT -> new CheckVerdict.Failed(FRESH_REPORT, List.of(problem("/client_uri", FailureKind.TRANSIENT)));
            case DEFERRED -> new CheckVerdict.Deferred(CheckVerdict.Deferred.UNPROBED);
        };
    }

    private static ClientRecord client(ClientStatus status, int failures, Instant firstFailedAt) {
        return record(id(1), status, stored(), secret(), checks(RUN_AT, failures, firstFailedAt, List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0} with {1} failures (first {2} h ago), check {3} -> {4} with {5}, event {6}, history {7}, next {8}")
    @CsvSource({
        // status,  failures, first failed h ago, check,  status after, failures, event,           history,            next check
        "ACTIVE,    0, ,    PASS,      ACTIVE,    0, ,                 ,                   regular",
        "ACTIVE,    0, ,    HARD,      WARNING,   1, URL_CHECK_FAILED, url_check_failed,   regular",
        "ACTIVE,    0, ,    TRANSIENT, WARNING,   1, URL_CHECK_FAILED, url_check_failed,   transient",
        "WARNING,   1, 24,  HARD,      WARNING,   2, URL_CHECK_FAILED, ,                   regular",
        // three failures spanning less than the 72 h grace period: still a warning
        "WARNING,   2, 48,  HARD,      WARNING,   3, URL_CHECK_FAILED, ,                   regular",
        "WARNING,   2, 71,  HARD,      WARNING,   3, URL_CHECK_FAILED, ,                   regular",
        // the fourth failure, 72 h after the first, suspends
        "WARNING,   3, 72,  HARD,      SUSPENDED, 4, SUSPENDED,        failures_persisted, regular",
        "WARNING,   2, 72,  HARD,      SUSPENDED, 3, SUSPENDED,        failures_persisted, regular",
        "WARNING,   3, 72,  TRANSIENT, SUSPENDED, 4, SUSPENDED,        failures_persisted, transient",
        // a long span alone is not enough: the count must be reached too
        "WARNING,   1, 96,  HARD,      WARNING,   2, URL_CHECK_FAILED, ,                   regular",
        // failures while suspended are counted, and published no more
        "SUSPENDED, 4, 96,  HARD,      SUSPENDED, 5, ,                 ,                   regular",
        "SUSPENDED, 4, 96,  TRANSIENT, SUSPENDED, 5, ,                 ,                   transient",
        // a passing check reinstates
        "WARNING,   2, 48,  PASS,      ACTIVE,    0, REINSTATED,       url_checks_passed,  regular",
        "SUSPENDED, 5, 120, PASS,      ACTIVE,    0, REINSTATED,       url_checks_passed,  regular",
        // a check that could not be made only moves the next check
        "ACTIVE,    0, ,    DEFERRED,  ACTIVE,    0, ,                 ,                   deferred",
        "WARNING,   2, 48,  DEFERRED,  WARNING,   2, ,                 ,                   deferred",
        "SUSPENDED, 4, 96,  DEFERRED,  SUSPENDED, 4, ,                 ,                   deferred",
    })
    void movesAClientAlongItsLifecycle(ClientStatus status, int failures, Integer firstFailedHoursAgo, Verdict check,
                                       ClientStatus statusAfter, int failuresAfter, LifecycleEvent.Type event,
                                       String historyReason, String nextCheck) {
        Instant firstFailedAt = firstFailedHoursAgo == null ? null : NOW.minus(Duration.ofHours(firstFailedHoursAgo));
        ClientRecord before = client(status, failures, firstFailedAt);
        CheckVerdict verdict = verdict(check);

        ClientRecord after = lifecycle.apply(before, verdict, RUN, RUN_AT, NOW);

        UrlChecks checks = after.checks();
        assertThat(after.status()).isEqualTo(statusAfter);
        assertThat(checks.consecutiveFailures()).isEqualTo(failuresAfter);
        assertThat(checks.pendingEvents()).extracting(LifecycleEvent::type)
                .containsExactlyElementsOf(event == null ? List.of() : List.of(event));
        assertThat(checks.history()).containsExactlyElementsOf(historyReason == null ? List.of()
                : List.of(new StatusChange(NOW, status, statusAfter, historyReason)));
        assertThat(checks.nextCheckAt()).isEqualTo(switch (nextCheck) {
            case "regular" -> RUN_AT.plus(Duration.ofHours(24));
            case "transient" -> NOW.plus(Duration.ofHours(6));
            default -> NOW.plus(Duration.ofHours(1));
        });
        if (check == Verdict.DEFERRED) {
            assertThat(checks).isEqualTo(before.checks().dueAt(checks.nextCheckAt()));
        } else {
            assertThat(checks.lastCheckedAt()).isEqualTo(NOW);
            assertThat(checks.lastRunId()).isEqualTo(RUN);
            assertThat(checks.lastReport()).isSameAs(FRESH_REPORT);
            assertThat(checks.firstFailedAt()).isEqualTo(failuresAfter == 0 ? null : firstFailedAt == null ? NOW : firstFailedAt);
            assertThat(checks.problems()).isEqualTo(verdict instanceof CheckVerdict.Failed f ? f.problems() : List.of());
        }
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(NOW);
        assertThat(after.metadata()).isSameAs(before.metadata());
        assertThat(after.credentials()).isEqualTo(before.credentials());
    }

    @Test
    void rechecksATransientFailureNoLaterThanItsRegularCheck() {
        Instant lateRun = NOW.minus(Duration.ofHours(20));

        ClientRecord after = lifecycle.apply(client(ClientStatus.ACTIVE, 0, null), verdict(Verdict.TRANSIENT), RUN, lateRun, NOW);

        assertThat(after.checks().nextCheckAt()).isEqualTo(lateRun.plus(Duration.ofHours(24)));
    }

    @Test
    void keepsTheLastReportWhenTheRulesFailedBeforeProbing() {
        ClientRecord before = client(ClientStatus.ACTIVE, 0, null);

        ClientRecord after = lifecycle.apply(before, new CheckVerdict.Failed(null, List.of(problem("/contacts/0", FailureKind.HARD))),
                RUN, RUN_AT, NOW);

        assertThat(after.checks().lastReport()).isSameAs(before.checks().lastReport());
    }

    @ParameterizedTest(name = "{0} checked {1}")
    @CsvSource({
        "ACTIVE,    HARD, URL_CHECK_FAILED",
        "WARNING,   HARD, SUSPENDED",
        "SUSPENDED, PASS, REINSTATED",
    })
    void describesTheChangeInAnEventNamedByClientAndVersion(ClientStatus status, Verdict check, LifecycleEvent.Type type) {
        Instant firstFailedAt = status == ClientStatus.ACTIVE ? null : NOW.minus(Duration.ofHours(80));
        ClientRecord before = client(status, status == ClientStatus.ACTIVE ? 0 : 3, firstFailedAt);

        ClientRecord after = lifecycle.apply(before, verdict(check), RUN, RUN_AT, NOW);

        LifecycleEvent event = after.checks().pendingEvents().get(0);
        assertThat(event.id()).isEqualTo(before.clientId().value() + ":" + after.version());
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.clientId()).isEqualTo(before.clientId());
        assertThat(event.clientName()).isEqualTo("Example App");
        assertThat(event.contacts()).containsExactly("dev@example.com");
        assertThat(event.at()).isEqualTo(NOW);
        assertThat(event.previousStatus()).isEqualTo(status);
        assertThat(event.status()).isEqualTo(after.status());
        assertThat(event.consecutiveFailures()).isEqualTo(after.checks().consecutiveFailures());
        assertThat(event.firstFailedAt()).isEqualTo(after.checks().firstFailedAt());
        assertThat(event.problems()).isEqualTo(after.checks().problems());
        assertThat(event.suspendsAt()).as("only a client still in its grace period has a suspension ahead")
                .isEqualTo(type == LifecycleEvent.Type.URL_CHECK_FAILED ? NOW.plus(Duration.ofHours(72)) : null);
    }

    @Test
    void publishesNoContactsOrNameWhenTheClientHasNone() {
        ClientMetadata anonymous = ValidMetadata.metadata().without(List.of("contacts", "client_name"));
        ClientRecord before = record(id(1), ClientStatus.ACTIVE, anonymous, secret(), checks(RUN_AT, 0, null, List.of(), List.of()));

        LifecycleEvent event = lifecycle.apply(before, verdict(Verdict.HARD), RUN, RUN_AT, NOW).checks().pendingEvents().get(0);

        assertThat(event.contacts()).isEmpty();
        assertThat(event.clientName()).isNull();
    }

    @Test
    void keepsEventsNotYetPublishedAndAddsTheNewOne() {
        ClientRecord first = lifecycle.apply(client(ClientStatus.ACTIVE, 0, null), verdict(Verdict.HARD), RUN, RUN_AT, NOW);
        Instant nextDay = NOW.plus(Duration.ofDays(1));

        ClientRecord second = lifecycle.apply(first, verdict(Verdict.PASS), "run-2026-03-11", RUN_AT.plus(Duration.ofDays(1)), nextDay);

        assertThat(second.checks().pendingEvents()).extracting(LifecycleEvent::type, LifecycleEvent::id).containsExactly(
                tuple(LifecycleEvent.Type.URL_CHECK_FAILED, id(1).value() + ":" + first.version()),
                tuple(LifecycleEvent.Type.REINSTATED, id(1).value() + ":" + second.version()));
    }

    @Test
    void keepsOnlyTheLatestStatusChanges() {
        List<StatusChange> full = new ArrayList<>();
        for (int i = 0; i < UrlChecks.HISTORY_LIMIT; i++) {
            ClientStatus from = i % 2 == 0 ? ClientStatus.ACTIVE : ClientStatus.WARNING;
            ClientStatus to = i % 2 == 0 ? ClientStatus.WARNING : ClientStatus.ACTIVE;
            full.add(new StatusChange(RUN_AT.minus(Duration.ofDays(40 - i)), from, to, "change-" + i));
        }
        ClientRecord before = record(id(1), ClientStatus.ACTIVE, stored(), secret(), checks(RUN_AT, 0, null, full, List.of()));

        List<StatusChange> history = lifecycle.apply(before, verdict(Verdict.HARD), RUN, RUN_AT, NOW).checks().history();

        assertThat(history).hasSize(UrlChecks.HISTORY_LIMIT);
        assertThat(history.subList(0, UrlChecks.HISTORY_LIMIT - 1)).isEqualTo(full.subList(1, UrlChecks.HISTORY_LIMIT));
        assertThat(history.get(UrlChecks.HISTORY_LIMIT - 1))
                .isEqualTo(new StatusChange(NOW, ClientStatus.ACTIVE, ClientStatus.WARNING, StatusChange.URL_CHECK_FAILED));
    }

    @ParameterizedTest
    @EnumSource(value = ClientStatus.class, names = {"PENDING", "ABANDONED", "DELETING"})
    void refusesToCheckAClientThatIsNotVisible(ClientStatus status) {
        ClientRecord hidden = client(status, 0, null);

        for (Verdict check : Verdict.values()) {
            assertThatThrownBy(() -> lifecycle.apply(hidden, verdict(check), RUN, RUN_AT, NOW))
                    .as(check.name()).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void spreadsNextChecksByClientWithinTheJitterBeforeTheInterval() {
        ReverificationSettings defaults = ReverificationSettings.defaults();
        ClientLifecycle jittered = new ClientLifecycle(defaults);
        Instant latest = RUN_AT.plus(defaults.interval());
        Instant earliest = latest.minus(defaults.jitter());
        Set<Instant> seen = new HashSet<>();

        for (int n = 1; n <= 200; n++) {
            ClientRecord before = record(id(n), ClientStatus.ACTIVE, stored(), secret(), checks(RUN_AT, 0, null, List.of(), List.of()));
            Instant next = jittered.apply(before, verdict(Verdict.PASS), RUN, RUN_AT, NOW).checks().nextCheckAt();
            Instant again = jittered.apply(before, verdict(Verdict.HARD), RUN, RUN_AT, NOW.plusSeconds(60)).checks().nextCheckAt();

            assertThat(next).as("client %d", n).isBetween(earliest, latest).isEqualTo(again);
            seen.add(next);
        }
        assertThat(seen).as("clients registered together drift apart").hasSizeGreaterThan(100);
    }

    @Test
    void spreadsNextChecksOverTheWholeJitterBothEndsIncluded() {
        ReverificationSettings twoMillis = new ReverificationSettings(Duration.ofHours(24), Duration.ofMillis(2),
                Duration.ofHours(6), Duration.ofHours(1), 3, Duration.ofHours(72), 500, 10_000, 1_000, 200, 8, 120);
        ClientLifecycle jittered = new ClientLifecycle(twoMillis);
        Instant latest = RUN_AT.plus(twoMillis.interval());

        Set<Duration> earlier = IntStream.rangeClosed(1, 200).mapToObj(n -> Duration.between(jittered.apply(
                record(id(n), ClientStatus.ACTIVE, stored(), secret(), checks(RUN_AT, 0, null, List.of(), List.of())),
                verdict(Verdict.PASS), RUN, RUN_AT, NOW).checks().nextCheckAt(), latest)).collect(Collectors.toSet());

        assertThat(earlier).containsExactlyInAnyOrder(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(2));
    }

    @Test
    void neverSchedulesTheNextCheckBeforeNowWhenTheRunIsLate() {
        ClientLifecycle jittered = new ClientLifecycle(ReverificationSettings.defaults());
        Instant longAgo = NOW.minus(Duration.ofDays(3));

        List<Instant> next = IntStream.rangeClosed(1, 50).mapToObj(n -> jittered.apply(
                record(id(n), ClientStatus.ACTIVE, stored(), secret(), checks(longAgo, 0, null, List.of(), List.of())),
                verdict(Verdict.PASS), RUN, longAgo, NOW).checks().nextCheckAt()).toList();

        assertThat(next).allSatisfy(at -> assertThat(at).isAfter(NOW).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(24))));
    }
}
