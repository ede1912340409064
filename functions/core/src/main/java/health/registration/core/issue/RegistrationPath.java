package health.registration.core.issue;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a client was registered (policy section 1), which decides the policy it is held to for as long as it exists:
 * re-verification checks it against the same rules.
 */
public enum RegistrationPath {
    /** Open dynamic registration (RFC 7591, {@code POST /register}). */
    OPEN,
    /** UDAP dynamic registration with a software statement. */
    UDAP,
    /** Manual registration by the operator ({@code POST /operator/clients}), with that path's relaxations. */
    MANUAL;

    /** The stored form, e.g. {@code manual}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegistrationPath ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown registration path"));
    }
}
