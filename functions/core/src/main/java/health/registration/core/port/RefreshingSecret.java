package health.registration.core.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One secret, read on first use and re-read once its value is older than {@link Timing#refreshEvery()}, so that
 * rotating it takes effect in warm functions without a new version; never read in a constructor, so a SnapStart
 * snapshot holds none. A refresh that fails (the source is unavailable, or its text does not parse) keeps the last
 * good value for at most {@link Timing#keepStaleFor()} after it went stale, logging the secret's name (never its
 * value), and is retried at most every {@link Timing#retryEvery()}; with no good value, or one stale for longer,
 * {@link #get()} throws {@link SecretUnavailable}, which handlers answer {@code 503}. Thread-safe; one thread reads at
 * a time.
 *
 * @param <T> the parsed value: a key, trust anchors, a pepper
 */
public final class RefreshingSecret<T> implements Supplier<T> {

    /** When the secret is re-read, and how long a stale value may serve after a failed refresh. */
    public record Timing(Duration refreshEvery, Duration keepStaleFor, Duration retryEvery) {

        /** Re-read every five minutes; serve a stale value for at most an hour; retry a failed read every 30 s. */
        public static final Timing DEFAULT = every(Duration.ofMinutes(5));

        public Timing {
            for (Duration duration : new Duration[] {refreshEvery, keepStaleFor, retryEvery}) {
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("a secret's timing must not be negative");
                }
            }
        }

        /** Re-read every {@code refresh}; a stale value serves for at most an hour, retried every 30 s or sooner. */
        public static Timing every(Duration refresh) {
            Duration retry = refresh.compareTo(Duration.ofSeconds(30)) < 0 ? refresh : Duration.ofSeconds(30);
            return new Timing(refresh, Duration.ofHours(1), retry);
        }
    }

    /** The secret could not be read and no good value may serve: answered {@code 503}, retried by the caller. */
    public static final class SecretUnavailable extends StoreUnavailable {
        private static final long serialVersionUID = 1L;

        private final String setting;

        SecretUnavailable(String name) {
            super("the secret " + name + " is unavailable", null);
            this.setting = name.split(" ", 2)[0];
        }

        /**
         * The setting that names the secret (its name's first word: a secret's name starts with its setting, as in
         * {@code UDAP_TRUST_ANCHORS_SECRET (udap/anchors)}), which an answer may show: never a value or a path.
         */
        public String setting() {
            return setting;
        }
    }

    /** A good value, the text it was parsed from, and when that was read. */
    private record Snapshot<T>(T value, String text, Instant readAt) {}

    private final String name;
    private final SecretSource source;
    private final Function<String, T> parse;
    private final Timing timing;
    private final Clock clock;
    private final Consumer<String> log;
    private volatile Snapshot<T> current;
    private Instant nextAttempt = Instant.MIN;

    /**
     * Reads nothing yet.
     *
     * @param name   the secret's name or setting, for log lines and errors; never its value
     * @param parse  turns the text into the value; throws {@link IllegalArgumentException} when it cannot, with a
     *               message that never repeats the text
     * @param log    where a failed refresh is reported (one line, the name and the kind of failure)
     */
    public RefreshingSecret(String name, SecretSource source, Function<String, T> parse, Timing timing, Clock clock,
                            Consumer<String> log) {
        this.name = Objects.requireNonNull(name);
        this.source = Objects.requireNonNull(source);
        this.parse = Objects.requireNonNull(parse);
        this.timing = Objects.requireNonNull(timing);
        this.clock = Objects.requireNonNull(clock);
        this.log = Objects.requireNonNull(log);
    }

    /** The value, read or re-read if it is due. @throws SecretUnavailable when no good value may serve */
    @Override
    public T get() {
        Snapshot<T> snapshot = current;
        if (snapshot != null && clock.instant().isBefore(snapshot.readAt().plus(timing.refreshEvery()))) {
            return snapshot.value();
        }
        return refresh();
    }

    private synchronized T refresh() {
        Instant now = clock.instant();
        Snapshot<T> snapshot = current;
        if (snapshot != null && now.isBefore(snapshot.readAt().plus(timing.refreshEvery()))) {
            return snapshot.value();
        }
        if (now.isBefore(nextAttempt)) {
            return stale(snapshot, now);
        }
        try {
            String text = source.read();
            // An unchanged text keeps its value, so that what was built from it (a signed document) stays valid.
            T value = snapshot != null && snapshot.text().equals(text) ? snapshot.value()
                    : Objects.requireNonNull(parse.apply(text), "a secret's parser gave no value");
            current = new Snapshot<>(value, text, now);
            return value;
        } catch (StoreUnavailable | IllegalArgumentException | NullPointerException failed) {
            // The cause's message may come from a parser: only its kind is logged, never text from the secret.
            log.accept("secret " + name + " could not be read: " + failed.getClass().getSimpleName()
                    + (snapshot == null ? "" : "; serving the value read at " + snapshot.readAt()));
            nextAttempt = now.plus(timing.retryEvery());
            return stale(snapshot, now);
        }
    }

    private T stale(Snapshot<T> snapshot, Instant now) {
        if (snapshot == null
                || !now.isBefore(snapshot.readAt().plus(timing.refreshEvery()).plus(timing.keepStaleFor()))) {
            throw new SecretUnavailable(name);
        }
        return snapshot.value();
    }
}
