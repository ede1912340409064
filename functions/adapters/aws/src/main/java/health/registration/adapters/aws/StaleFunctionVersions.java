package health.registration.adapters.aws;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which published versions of a function may go: every numbered version that no alias points at (neither as its
 * version nor as a weighted additional version), except the newest {@code kept}. {@code $LATEST} is never one.
 * Each deploy publishes a version of every function and nothing deletes them, while the region's code storage is
 * limited (Lambda quotas: 75 GB).
 */
public final class StaleFunctionVersions {

    /** The default of {@code FUNCTION_VERSIONS_KEPT}: enough to roll back by hand twice. */
    public static final int DEFAULT_KEPT = 3;

    private StaleFunctionVersions() {}

    /** The versions to delete, oldest first. */
    public static List<String> of(Collection<String> published, Set<String> aliased, int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept must not be negative");
        }
        List<Long> numbered = published.stream()
                .filter(v -> !v.isEmpty() && v.chars().allMatch(Character::isDigit) && v.length() <= 18)
                .map(Long::valueOf)
                .sorted(Comparator.reverseOrder())
                .toList();
        return numbered.stream()
                .skip(kept)
                .map(String::valueOf)
                .filter(v -> !aliased.contains(v))
                .sorted(Comparator.comparingLong(Long::parseLong))
                .toList();
    }
}
