package health.registration.core.policy;

import health.registration.core.model.ClientMetadata;
import java.util.List;

/**
 * One property the metadata must have, named for that property ({@code RedirectUriUsesHttps}). A rule reports
 * every problem it finds, never throws for bad input, and skips values that another rule already reports as
 * being of the wrong type or unreadable.
 */
@FunctionalInterface
public interface Rule {

    List<Violation> check(ClientMetadata metadata, PolicyContext context);

    /**
     * The rule's stable name, its class's simple name ({@code RedirectUriUsesHttps}): a bounded set, which refusals
     * are counted by (docs/operations/metrics.md).
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
