package health.registration.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of reading a value from untrusted text: the value, or a sentence saying what is wrong with it.
 * Invalid input is a value here, not an exception.
 */
public record Parsed<T>(T value, String problem) {

    public Parsed {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of value and problem must be given");
        }
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(Objects.requireNonNull(value), null);
    }

    public static <T> Parsed<T> failure(String problem) {
        return new Parsed<>(null, Objects.requireNonNull(problem));
    }

    public boolean isOk() {
        return value != null;
    }

    /** The value turned into another, or the same problem. */
    public <U> Parsed<U> map(Function<? super T, ? extends U> mapping) {
        return isOk() ? Parsed.ok(mapping.apply(value)) : Parsed.failure(problem);
    }

    public Optional<T> toOptional() {
        return Optional.ofNullable(value);
    }
}
