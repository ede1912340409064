package health.registration.core.reverify;

import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.FailureKind;
import health.registration.core.probe.ProbeReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What one re-verification of a client decided. */
public sealed interface CheckVerdict {

    /** Every URL is hosted and every rule holds. */
    record Passed(ProbeReport report) implements CheckVerdict {

        public Passed {
            Objects.requireNonNull(report);
        }
    }

    /**
     * The policy refuses the client as it stands.
     *
     * @param report   what probing found, or null when the rules failed before probing
     * @param problems every error, at least one
     */
    record Failed(ProbeReport report, List<CheckProblem> problems) implements CheckVerdict {

        public Failed {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a failed check names its problems");
            }
        }

        /** True when a problem suspends the client at once ({@link CertificateCheck#disqualifies}). */
        public boolean disqualifies() {
            return problems.stream().anyMatch(CertificateCheck::disqualifies);
        }

        /** Transient only when every problem is. */
        public FailureKind kind() {
            return problems.stream().allMatch(p -> p.kind() == FailureKind.TRANSIENT) ? FailureKind.TRANSIENT : FailureKind.HARD;
        }
    }

    /**
     * The client could not be checked this time (its host's probe budget was spent, the prober did not answer, or a
     * host asked us to come back later); nothing counts against it.
     *
     * @param reason a code: {@code unprobed} (a URL's host had no budget left, or the prober did not answer) or
     *               {@code retry_after} (a host answered with Retry-After, RFC 9110 §10.2.3)
     * @param recheckIn how long until the client is checked again, or null for the usual deferral
     */
    record Deferred(String reason, Duration recheckIn) implements CheckVerdict {

        public static final String UNPROBED = "unprobed";
        public static final String RETRY_AFTER = "retry_after";

        public Deferred {
            Objects.requireNonNull(reason);
        }

        public Deferred(String reason) {
            this(reason, null);
        }
    }
}
