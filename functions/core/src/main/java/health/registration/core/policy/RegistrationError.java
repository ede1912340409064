package health.registration.core.policy;

import java.util.List;

/**
 * A refusal as RFC 7591 §3.2.2 words it, plus every problem found ({@code errors}, our extension, policy
 * section 7): {@code error} is invalid_redirect_uri when any problem concerns redirect_uris, else the code of
 * the first problem; {@code error_description} is the first problem with that code, in a plain sentence.
 */
public record RegistrationError(RegistrationErrorCode error, String description, List<Violation> errors) {

    public RegistrationError {
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a registration error needs at least one problem");
        }
    }

    /** The error for a list of problems, in the order they should be read. */
    public static RegistrationError of(List<Violation> problems) {
        List<Violation> refusals = problems.stream().filter(Violation::refuses).toList();
        if (refusals.isEmpty()) {
            throw new IllegalArgumentException("a registration error needs at least one refusing problem");
        }
        RegistrationErrorCode error = refusals.stream().anyMatch(v -> v.code() == RegistrationErrorCode.INVALID_REDIRECT_URI)
                ? RegistrationErrorCode.INVALID_REDIRECT_URI
                : refusals.get(0).code();
        Violation first = refusals.stream().filter(v -> v.code() == error).findFirst().orElseThrow();
        String description = refusals.size() == 1
                ? first.description()
                : first.description() + " (" + (refusals.size() - 1) + " more "
                        + (refusals.size() == 2 ? "problem is" : "problems are") + " listed in errors)";
        return new RegistrationError(error, description, refusals);
    }

    /** A refusal with a single problem, for request-level errors (size, content type, syntax). */
    public static RegistrationError single(Violation problem) {
        return of(List.of(problem));
    }

    public int httpStatus() {
        return error.httpStatus();
    }
}
