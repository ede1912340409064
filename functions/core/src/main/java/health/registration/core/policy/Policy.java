package health.registration.core.policy;

import health.registration.core.model.ClientMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A named, ordered list of rules. Registration paths differ only in which rules they list (see {@link Policies}).
 * Every rule runs, so one answer carries every problem (policy section 7).
 */
public final class Policy {

    private final String name;
    private final List<Rule> rules;

    public Policy(String name, List<Rule> rules) {
        this.name = name;
        this.rules = List.copyOf(rules);
    }

    public String name() {
        return name;
    }

    public List<Rule> rules() {
        return rules;
    }

    public PolicyResult evaluate(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (Rule rule : rules) {
            rule.check(metadata, context).forEach(problem -> found.add(problem.foundBy(rule.name())));
        }
        return PolicyResult.of(found);
    }
}
