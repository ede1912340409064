package health.registration.core.model;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SupportedScopes} grants of a scope request (UDAP IG STU2 general §7.3).
 *
 * @param granted the granted tokens, in the requested order, each once
 * @param refused the tokens not granted
 */
public record ScopeGrant(List<String> granted, List<Refused> refused) {

    public ScopeGrant {
        granted = List.copyOf(granted);
        refused = List.copyOf(refused);
    }

    /**
     * A requested token that is not granted.
     *
     * @param position its index among the requested tokens, from 0
     * @param smart    its parts when it is a SMART resource scope
     */
    public record Refused(int position, Optional<SmartScope> smart) {

        /** A wildcard resource scope ({@code patient/*.rs}): IG §7.3 refuses the request when one is not supported. */
        public boolean wildcard() {
            return smart.filter(SmartScope::wildcard).isPresent();
        }

        /** How a description names the token: its position, and its SMART form rebuilt from its parts. */
        public String describe() {
            return "scope token " + (position + 1) + smart.map(s -> " (" + s.canonical() + ")").orElse("");
        }
    }

    /** IG §7.3: nothing that was asked for is granted. */
    public boolean noneGranted() {
        return granted.isEmpty();
    }
}
