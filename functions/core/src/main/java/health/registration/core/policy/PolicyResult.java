package health.registration.core.policy;

import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import java.util.Comparator;
import java.util.List;

/**
 * Every problem one evaluation found, ordered by field so that the first error is the one an app developer meets
 * first: the whole document, then members in the order of the policy's section 2 table and then other members;
 * within a member, its entries by index before problems with the member as a whole.
 */
public record PolicyResult(List<Violation> errors, List<Violation> warnings) {

    private static final Comparator<Violation> BY_FIELD =
            Comparator.comparingInt((Violation v) -> memberRank(v.field())).thenComparingInt(v -> entryRank(v.field()));

    public PolicyResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    static PolicyResult of(List<Violation> found) {
        List<Violation> sorted = found.stream().sorted(BY_FIELD).toList();
        return new PolicyResult(
                sorted.stream().filter(Violation::refuses).toList(),
                sorted.stream().filter(v -> !v.refuses()).toList());
    }

    /** No error: the metadata may be registered (warnings aside). */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** True when some value could not be read as metadata at all (policy section 8). */
    public boolean malformed() {
        return errors.stream().anyMatch(v -> v.severity() == Severity.MALFORMED);
    }

    /** The RFC 7591 §3.2.2 error for this result. Only for invalid results. */
    public RegistrationError toRegistrationError() {
        return RegistrationError.of(errors);
    }

    private static int entryRank(String pointer) {
        int index = FieldPointer.indexOf(pointer);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static int memberRank(String pointer) {
        if (pointer.isEmpty()) {
            return -1;
        }
        return MetadataMember.forName(FieldPointer.memberOf(pointer))
                .map(Enum::ordinal)
                .orElse(MetadataMember.values().length);
    }
}
