package health.registration.core.issue;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The registration access token a read replaced, kept (as its hash) for a while so that a client whose read answer
 * was lost on the way is not locked out: RFC 7592 §3 requires the token in every client information response, and a
 * token kept only as a hash can be answered only by issuing a new one. It works until the token that replaced it
 * is first used or {@link #GRACE} has passed.
 *
 * @param hash      SHA-256 of the replaced token, as {@link RegistrationAccessToken#hash()}
 * @param expiresAt the moment it stops working
 */
public record PreviousRegistrationToken(String hash, Instant expiresAt) {

    /** How long a replaced token keeps working when its successor is never used. */
    public static final Duration GRACE = Duration.ofHours(24);

    public PreviousRegistrationToken {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(expiresAt);
    }

    /** The token of this hash, replaced now: it works for {@link #GRACE} from now. */
    public static PreviousRegistrationToken replacedAt(String hash, Instant now) {
        return new PreviousRegistrationToken(hash, now.plus(GRACE));
    }

    public boolean worksAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "PreviousRegistrationToken[hash=redacted, expiresAt=" + expiresAt + "]";
    }
}
