package health.registration.testkit;

import java.util.Locale;
import java.util.Optional;

/**
 * Which AWS emulator the emulator tests ({@code *IT}) run against, chosen by one switch: the system property
 * {@code aws.emulator} ({@code mvn verify -Daws.emulator=localstack}) or the variable {@code AWS_EMULATOR}; the
 * property wins when both are set. Without either, moto server, as {@code scripts/test} and CI run it
 * (docs/testing.md).
 */
public enum EmulatorKind {

    /** moto server on loopback, started by {@code scripts/lib/moto.sh}; the default. */
    MOTO("moto"),
    /** LocalStack in a container that Testcontainers starts; needs a Docker engine. */
    LOCALSTACK("localstack");

    public static final String PROPERTY = "aws.emulator";
    public static final String VARIABLE = "AWS_EMULATOR";

    private final String value;

    EmulatorKind(String value) {
        this.value = value;
    }

    /** The switch's value that chooses this emulator. */
    public String value() {
        return value;
    }

    /**
     * The emulator the switch names: {@code property} (the system property) when set, else {@code variable} (the
     * environment variable), else {@link #MOTO}. A value that names no emulator is refused, never read as moto.
     *
     * @throws IllegalArgumentException naming the switch, the value and the two emulators
     */
    public static EmulatorKind chosen(String property, String variable) {
        Optional<String> given = present(property).map(p -> PROPERTY + "=" + p)
                .or(() -> present(variable).map(v -> VARIABLE + "=" + v));
        if (given.isEmpty()) {
            return MOTO;
        }
        String value = given.get().substring(given.get().indexOf('=') + 1);
        for (EmulatorKind kind : values()) {
            if (kind.value.equals(value.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException(given.get() + " names no AWS emulator: use moto (the default) or "
                + "localstack (docs/testing.md)");
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
