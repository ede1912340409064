package health.registration.edge;

import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.reverify.RunSummary;
import health.registration.edge.EmbeddedMetricFormat.Measure;
import health.registration.edge.EmbeddedMetricFormat.Unit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The service's metrics (docs/operations/metrics.md): each method turns one outcome the functions already know into
 * CloudWatch Embedded Metric Format lines, written to standard output apart from the log lines, where CloudWatch Logs
 * extracts them. Every dimension value comes from a closed set (a path, an outcome, an error code, a rule's class
 * name, a probed member's kind); no client id, URL or host is ever one.
 */
public final class OperationalMetrics {

    /** The CloudWatch namespace of the service's metrics (docs/operations/metrics.md); FhirClientRegistration if unset. */
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
    public static final String DEFAULT_NAMESPACE = "FhirClientRegistration";

    public static final String REGISTRATIONS = "Registrations";
    public static final String REFUSALS = "Refusals";
    public static final String RATE_LIMIT_REFUSALS = "RateLimitRefusals";
    public static final String PROBES = "Probes";
    public static final String PROBE_LATENCY = "ProbeLatency";
    public static final String REVERIFY_RUNS = "ReverifyRuns";
    public static final String REVERIFY_RUN_DURATION = "ReverifyRunDuration";
    public static final String CERTIFICATES_ISSUED = "CertificatesIssued";
    public static final String CERTIFICATES_REVOKED = "CertificatesRevoked";
    public static final String CRL_HOURS_TO_NEXT_UPDATE = "CrlHoursToNextUpdate";

    /** The {@code Rule} of a refusal no policy rule found (body unreadable, a bad header, a reused key...). */
    public static final String REQUEST_RULE = "Request";

    /** Which limit refused a request ({@code RateLimitRefusals}' {@code Limit}). */
    public enum Limit {
        /** Registrations per source address per hour ({@code REGISTRATIONS_PER_SOURCE_PER_HOUR}). */
        REGISTRATIONS_PER_SOURCE,
        /** Probes per source address per hour ({@code PROBES_PER_SOURCE_PER_HOUR}). */
        PROBES_PER_SOURCE,
        /** Clients per registrable domain ({@code CLIENTS_PER_DOMAIN}). */
        CLIENTS_PER_DOMAIN,
        /** Probes of one host within the prober's window. */
        PER_HOST;

        String dimension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final EmbeddedMetricFormat format;
    private final Consumer<String> out;

    public OperationalMetrics(EmbeddedMetricFormat format, Consumer<String> out) {
        this.format = format;
        this.out = out;
    }

    /** Lines to standard output in the namespace {@code METRICS_NAMESPACE} names. */
    public static OperationalMetrics fromEnvironment() {
        return toStandardOutput(Settings.fromEnvironment());
    }

    public static OperationalMetrics toStandardOutput(Settings settings) {
        String namespace = settings.value(METRICS_NAMESPACE).filter(n -> !n.isBlank()).orElse(DEFAULT_NAMESPACE);
        return new OperationalMetrics(new EmbeddedMetricFormat(namespace, Clock.systemUTC()), OperationalMetrics::printLine);
    }

    /** One whole line on standard output, flushed at once so that it is in the log stream before the invocation ends. */
    private static void printLine(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Metrics nobody reads: for handlers built by unit tests of other concerns. */
    public static OperationalMetrics discarding() {
        return new OperationalMetrics(new EmbeddedMetricFormat(DEFAULT_NAMESPACE, Clock.systemUTC()), line -> {});
    }

    /** A registration's outcome on {@code path}: registered, refused (with its refusals), or nothing for a replay. */
    public void registration(RegistrationPath path, RegistrationOutcome outcome) {
        switch (outcome) {
            case RegistrationOutcome.Registered registered when registered.replayed() -> { }
            case RegistrationOutcome.Registered registered -> registrations(path, "registered");
            case RegistrationOutcome.Modified modified -> registrations(path, "registered");
            case RegistrationOutcome.Refused(RegistrationError error) -> refused(path, error);
            case RegistrationOutcome.KeyReused() -> refused(path, RegistrationErrorCode.INVALID_REQUEST, Set.of());
            case RegistrationOutcome.KeyInProgress() -> { }
        }
    }

    /** A registration on {@code path} that was created (201) or modified. */
    public void registered(RegistrationPath path) {
        registrations(path, "registered");
    }

    /** A registration refused with {@code error}: one {@code Registrations}, one {@code Refusals} per code and rule. */
    public void refused(RegistrationPath path, RegistrationError error) {
        Set<String> rules = new LinkedHashSet<>();
        for (Violation problem : error.errors()) {
            rules.add(problem.rule().isEmpty() ? REQUEST_RULE : problem.rule());
        }
        refused(path, error.error(), rules);
    }

    /** A registration refused before any rule of a policy ran (the body, a header): its rule is {@value #REQUEST_RULE}. */
    public void refusedRequest(RegistrationPath path, RegistrationErrorCode code) {
        refused(path, code, Set.of());
    }

    /** A registration on {@code path} that failed on the service's side (an answer of 5xx). */
    public void failed(RegistrationPath path) {
        registrations(path, "failed");
    }

    /** A request refused by one of the abuse and cost limits. */
    public void rateLimited(Limit limit) {
        count(RATE_LIMIT_REFUSALS, List.of("Limit"), Map.of("Limit", limit.dimension()));
    }

    /** Every URL member probing judged: its kind, what it came to, and how long its probe took. */
    public void probed(ProbeReport report) {
        for (ProbeResult result : report.results()) {
            probeOutcome(result).ifPresent(outcome ->
                    probe(result.field().name().toLowerCase(Locale.ROOT), outcome, result.elapsedMillis()));
        }
    }

    /**
     * One probe of {@code kind} (for the fetches that are no URL member: {@code crl}, {@code issuer},
     * {@code challenge}) with {@code outcome} one of passed, warned, failed, refused.
     */
    public void probe(String kind, String outcome, long elapsedMillis) {
        emit(List.of(List.of("Kind", "Outcome")), Map.of("Kind", kind, "Outcome", outcome),
                List.of(new Measure(PROBES, Unit.COUNT, 1)));
        emit(List.of(List.of("Kind")), Map.of("Kind", kind),
                List.of(new Measure(PROBE_LATENCY, Unit.MILLISECONDS, elapsedMillis)));
    }

    /** What a re-verification run, or a worker's segment of one, checked and changed. */
    public void reverificationChecked(RunSummary summary) {
        emit(List.of(List.of()), Map.of(), List.of(
                new Measure("ReverifyChecked", Unit.COUNT, summary.checked()),
                new Measure("ReverifyPassed", Unit.COUNT, summary.passed()),
                new Measure("ReverifyWarned", Unit.COUNT, summary.warned()),
                new Measure("ReverifySuspended", Unit.COUNT, summary.suspended()),
                new Measure("ReverifyDeferred", Unit.COUNT, summary.deferred())));
    }

    /** A scheduled or manual re-verification run that completed, or failed (threw), after {@code took}. */
    public void reverificationRun(boolean completed, Duration took) {
        count(REVERIFY_RUNS, List.of("Outcome"), Map.of("Outcome", completed ? "completed" : "failed"));
        emit(List.of(List.of()), Map.of(), List.of(new Measure(REVERIFY_RUN_DURATION, Unit.MILLISECONDS, took.toMillis())));
    }

    public void certificateIssued() {
        emit(List.of(List.of()), Map.of(), List.of(new Measure(CERTIFICATES_ISSUED, Unit.COUNT, 1)));
    }

    public void certificateRevoked() {
        emit(List.of(List.of()), Map.of(), List.of(new Measure(CERTIFICATES_REVOKED, Unit.COUNT, 1)));
    }

    /** Hours from {@code now} to the published CRL's {@code nextUpdate} (RFC 5280 §5.1.2.5); negative once past. */
    public void crlNextUpdate(Instant nextUpdate, Instant now) {
        double hours = Duration.between(now, nextUpdate).toMinutes() / 60.0;
        emit(List.of(List.of()), Map.of(), List.of(new Measure(CRL_HOURS_TO_NEXT_UPDATE, Unit.NONE, hours)));
    }

    private void refused(RegistrationPath path, RegistrationErrorCode code, Set<String> rules) {
        registrations(path, "refused");
        count(REFUSALS, List.of("ErrorCode"), Map.of("ErrorCode", code.code()));
        for (String rule : rules.isEmpty() ? Set.of(REQUEST_RULE) : rules) {
            count(REFUSALS, List.of("Rule"), Map.of("Rule", rule));
        }
    }

    private void registrations(RegistrationPath path, String outcome) {
        count(REGISTRATIONS, List.of("Path", "Outcome"), Map.of("Path", path.code(), "Outcome", outcome));
    }

    /** passed, warned, failed or refused (the prober would not fetch it); empty when nothing was fetched or refused. */
    private static Optional<String> probeOutcome(ProbeResult result) {
        ProbeOutcome outcome = result.outcome();
        if (outcome == ProbeOutcome.INVALID_URL || outcome == ProbeOutcome.NOT_PROBED) {
            return Optional.empty();
        }
        if (outcome == ProbeOutcome.NOT_PUBLIC || outcome == ProbeOutcome.TOO_MANY_URLS
                || outcome == ProbeOutcome.RATE_LIMITED) {
            return Optional.of("refused");
        }
        return Optional.of(result.verdict() == ProbeVerdict.PASS ? "passed"
                : result.verdict() == ProbeVerdict.WARNING ? "warned" : "failed");
    }

    private void count(String metric, List<String> dimensionSet, Map<String, String> dimensions) {
        emit(List.of(dimensionSet), dimensions, List.of(new Measure(metric, Unit.COUNT, 1)));
    }

    private void emit(List<List<String>> dimensionSets, Map<String, String> dimensions, List<Measure> measures) {
        try {
            out.accept(format.line(dimensionSets, dimensions, new ArrayList<>(measures)));
        } catch (RuntimeException unwritten) {
            // A metric is never worth failing a request for: the answer stands, the line is lost.
        }
    }
}
