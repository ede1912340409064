package health.registration.core.reverify;

import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.policy.Policies;
import health.registration.core.policy.Policy;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.PolicyResult;
import health.registration.core.policy.Violation;
import health.registration.core.issue.ClientStore;
import health.registration.core.probe.UrlProber;
import health.registration.core.probe.NameResolver;
import health.registration.core.probe.ProbePlan;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeSettings;
import health.registration.core.probe.ProbeTarget;
import health.registration.core.probe.ProbeVerdict;
import health.registration.core.probe.UrlProbe;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Scheduled re-verification (policy section 5; docs/operations/reverification.md): every visible client due by the
 * run's scheduled time is checked against the whole policy of the path it registered by, with its URLs probed (each
 * distinct URL once per run) and, for a UDAP client, its certificate's validity and revocation checked ({@link
 * CertificateCheck}), and moved along its {@link ClientLifecycle}. Clients are selected through the status index page
 * by page; beyond the inline limit, or when time runs short, the rest are sent as segments to worker invocations. Each
 * client is written with optimistic locking, and carries the run's id so that a restarted run skips it.
 */
public final class Reverification {

    private static final Policy OPEN = Policies.openDynamicRegistration();
    private static final Policy UDAP = Policies.udapRegistration();
    private static final Policy MANUAL = Policies.manualRegistration();

    private final ClientStore clients;
    private final UrlProber prober;
    private final NameResolver resolver;
    private final ReverificationQueue queue;
    private final PolicyContext context;
    private final ProbeSettings probeSettings;
    private final ReverificationSettings settings;
    private final ClientCheckWriter writer;
    private final CertificateCheck certificates;
    private final ExecutorService executor;
    private final Clock clock;

    /**
     * @param executor runs probe lanes and client writes; needs at least {@link ReverificationSettings#probeLanes()}
     *                 threads
     */
    public Reverification(ReverificationPorts ports, ReverificationPolicy policy, ExecutorService executor, Clock clock) {
        this.clients = ports.clients();
        this.prober = ports.prober();
        this.resolver = ports.resolver();
        this.queue = ports.queue();
        this.context = policy.context();
        this.probeSettings = policy.probeSettings();
        this.settings = policy.settings();
        this.writer = new ClientCheckWriter(ports.clients(), ports.events(), new ClientLifecycle(settings), clock);
        this.certificates = new CertificateCheck(ports.crls());
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * A scheduled run: checks clients due by {@code runAt} itself until the inline limit or {@code stopCheckingAt},
     * and queues the rest in segments.
     *
     * @param runId          the same for every retry of one scheduled run
     * @param stopCheckingAt when to stop checking inline (the invocation's deadline less a margin)
     */
    public RunSummary run(String runId, Instant runAt, Instant stopCheckingAt) {
        RunTally tally = new RunTally();
        RunProbes probes = new RunProbes(prober, resolver, settings, executor, clock, stopCheckingAt);
        long inline = 0;
        for (ClientStatus status : ClientStatus.reverified()) {
            String cursor = null;
            do {
                ClientStore.DuePage page = clients.duePage(status, runAt, settings.pageSize(), cursor);
                cursor = page.cursor();
                tally.selected.addAndGet(page.records().size());
                if (inline + page.records().size() <= settings.inlineLimit() && clock.instant().isBefore(stopCheckingAt)) {
                    inline += page.records().size();
                    check(page.records(), runId, runAt, probes, tally);
                } else {
                    enqueue(page.records(), runId, runAt, tally);
                }
            } while (cursor != null);
        }
        return tally.summary(runId, probes.probesMade());
    }

    /** A worker's segment: checks the clients still due by the run's time and not yet checked by it. */
    public RunSummary runSegment(ReverificationSegment segment, Instant stopCheckingAt) {
        RunTally tally = new RunTally();
        RunProbes probes = new RunProbes(prober, resolver, settings, executor, clock, stopCheckingAt);
        List<ClientRecord> due = new ArrayList<>();
        for (ClientId id : segment.clientIds()) {
            tally.selected.incrementAndGet();
            Optional<ClientRecord> found = clients.find(id)
                    .filter(r -> r.status().visible() && !r.checks().nextCheckAt().isAfter(segment.runAt()));
            found.ifPresentOrElse(due::add, tally.skipped::incrementAndGet);
        }
        check(due, segment.runId(), segment.runAt(), probes, tally);
        return tally.summary(segment.runId(), probes.probesMade());
    }

    /** An operator's check of one client, due or not; empty when there is no such visible client. */
    public Optional<ClientRecord> checkNow(ClientId clientId) {
        Optional<ClientRecord> found = clients.find(clientId).filter(r -> r.status().visible());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String runId = "operator:" + clientId.value() + ":" + now.toEpochMilli();
        RunTally tally = new RunTally();
        Instant stopProbingAt = now.plus(probeSettings.limits().callTimeout().multipliedBy(3));
        check(List.of(found.get()), runId, now, new RunProbes(prober, resolver, settings, executor, clock, stopProbingAt), tally);
        return clients.find(clientId);
    }

    private void enqueue(List<ClientRecord> records, String runId, Instant runAt, RunTally tally) {
        for (int from = 0; from < records.size(); from += settings.segmentSize()) {
            List<ClientId> ids = records.subList(from, Math.min(records.size(), from + settings.segmentSize())).stream()
                    .map(ClientRecord::clientId).toList();
            queue.send(new ReverificationSegment(runId, runAt, ids));
            tally.queuedSegments.incrementAndGet();
            tally.queuedClients.addAndGet(ids.size());
        }
    }

    /** Checks a batch: plans every client, probes the union of their URLs, then judges and writes each. */
    private void check(List<ClientRecord> records, String runId, Instant runAt, RunProbes probes, RunTally tally) {
        List<Plan> plans = new ArrayList<>();
        List<ProbeTarget> targets = new ArrayList<>();
        for (ClientRecord record : records) {
            if (runId.equals(record.checks().lastRunId())) {
                tally.skipped.incrementAndGet();
                continue;
            }
            Plan plan = plan(record);
            if (plan.probePlan() != null) {
                targets.addAll(plan.probePlan().targets());
                tally.urlReferences.addAndGet(plan.probePlan().targets().size());
            }
            plans.add(plan);
        }
        Map<String, UrlProbe> probed = probes.probe(targets);
        List<Future<?>> writes = new ArrayList<>();
        for (Plan plan : plans) {
            CheckVerdict verdict = verdict(plan, probed);
            writes.add(executor.submit(() -> writer.write(plan.record(), verdict, runId, runAt, tally)));
        }
        RunningWork.awaitAll(writes, "writing checks");
    }

    /** The client's policy (that of its path), its static result, and its probes when the static rules pass. */
    private Plan plan(ClientRecord record) {
        Policy policy = policyFor(record);
        PolicyResult statically = policy.evaluate(record.metadata(), context);
        ProbeSettings planning = record.path() == RegistrationPath.MANUAL
                ? probeSettings.withUrlRules(Policies.manualUrlRules()) : probeSettings;
        return new Plan(record, policy, statically, statically.valid() ? ProbePlan.of(record.metadata(), planning) : null);
    }

    /** The URL verdict, failed as well when the client's certificate has a problem (a disqualifying one suspends). */
    private CheckVerdict verdict(Plan plan, Map<String, UrlProbe> probed) {
        List<CheckProblem> certificate = certificates.problems(plan.record(), clock.instant());
        CheckVerdict urls = urlVerdict(plan, probed);
        if (certificate.isEmpty()) {
            return urls;
        }
        List<CheckProblem> problems = new ArrayList<>(certificate);
        if (urls instanceof CheckVerdict.Failed failed) {
            problems.addAll(failed.problems());
            return new CheckVerdict.Failed(failed.report(), problems);
        }
        if (urls instanceof CheckVerdict.Deferred && certificate.stream().noneMatch(CertificateCheck::disqualifies)) {
            return urls;
        }
        return new CheckVerdict.Failed(urls instanceof CheckVerdict.Passed passed ? passed.report() : null, problems);
    }

    private CheckVerdict urlVerdict(Plan plan, Map<String, UrlProbe> probed) {
        if (plan.probePlan() == null) {
            return new CheckVerdict.Failed(null, problems(plan.statically().errors(), null));
        }
        // A URL probed only as a page this run (its image probe could not be made) says nothing about a logo.
        if (!plan.probePlan().targets().stream().allMatch(t -> probed.containsKey(t.url())
                && probed.get(t.url()).target().serves(t.purpose()))) {
            return new CheckVerdict.Deferred(CheckVerdict.Deferred.UNPROBED);
        }
        ProbeReport report = plan.probePlan().report(probed::get);
        PolicyResult result = plan.policy().evaluate(plan.record().metadata(), context.withProbeFindings(report.violations()));
        if (result.valid()) {
            return new CheckVerdict.Passed(report);
        }
        CheckVerdict.Failed failed = new CheckVerdict.Failed(report, problems(result.errors(), report));
        List<UrlProbe> probes = plan.probePlan().targets().stream().map(t -> probed.get(t.url())).toList();
        return RetryAfterDeferral.of(failed, probes, settings, clock.instant()).orElse(failed);
    }

    /** The policy of the path the client registered by. */
    private static Policy policyFor(ClientRecord record) {
        return switch (record.path()) {
            case OPEN -> OPEN;
            case UDAP -> UDAP;
            case MANUAL -> MANUAL;
        };
    }

    /** The errors as problems; a probe's finding names its URL and outcome, and is transient when its outcome is. */
    private static List<CheckProblem> problems(List<Violation> errors, ProbeReport report) {
        List<CheckProblem> problems = new ArrayList<>();
        for (Violation error : errors) {
            Optional<ProbeResult> probed = report == null ? Optional.empty() : report.results().stream()
                    .filter(r -> r.pointer().equals(error.field()) && r.verdict() == ProbeVerdict.FAIL).findFirst();
            problems.add(probed.map(r -> new CheckProblem(r.pointer(), r.url(), r.outcome().code(),
                            FailureKind.of(r.outcome(), r.httpStatus()), error.description()))
                    .orElseGet(() -> new CheckProblem(error.field(), null, error.code().code(), FailureKind.HARD, error.description())));
        }
        return problems;
    }

    private record Plan(ClientRecord record, Policy policy, PolicyResult statically, ProbePlan probePlan) {}
}
