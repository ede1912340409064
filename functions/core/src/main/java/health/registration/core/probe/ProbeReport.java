package health.registration.core.probe;

import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/** Every URL member of one registration with what probing it found, in the order of the metadata's URLs. */
public record ProbeReport(List<ProbeResult> results) {

    public ProbeReport {
        results = List.copyOf(results);
    }

    /** True when no result fails the registration (warnings allowed). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.verdict() == ProbeVerdict.FAIL);
    }

    /**
     * The problems probing found, as policy violations. URLs the URL rules refused are left out: those rules report
     * them already.
     */
    public List<Violation> violations() {
        List<Violation> found = new ArrayList<>();
        for (ProbeResult result : results) {
            if (result.verdict() == ProbeVerdict.PASS || result.outcome() == ProbeOutcome.INVALID_URL) {
                continue;
            }
            RegistrationErrorCode code = RegistrationErrorCode.forMember(result.field().member());
            found.add(result.verdict() == ProbeVerdict.FAIL
                    ? Violation.error(result.pointer(), code, result.description())
                    : Violation.warning(result.pointer(), code, result.description()));
        }
        return found;
    }
}
