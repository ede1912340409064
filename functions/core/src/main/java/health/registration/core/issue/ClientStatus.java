package health.registration.core.issue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a client is in its life. Only {@link #visible()} statuses are readable or usable: a client is never seen
 * before its secret exists, nor while it is being removed.
 */
public enum ClientStatus {
    /** Written first, before the secret exists; turned active once it does, or removed by the cleanup. */
    PENDING(false),
    ACTIVE(true),
    /** Its last URL check failed; it works as before while its contacts are told, and is checked again. */
    WARNING(true),
    /**
     * Its URL checks kept failing past the grace period: still readable by its registration access token, so its
     * developer can see why and fix it, but an authorization server must not issue it tokens. It is still checked,
     * and turns active again when every URL passes or an update passes the review.
     */
    SUSPENDED(true),
    /**
     * A pending registration the cleanup has taken over: from here the registration can no longer turn active, and
     * its secret, never delivered, is deleted at once.
     */
    ABANDONED(false),
    /** Being removed: its secret is scheduled for deletion, then the record goes. */
    DELETING(false);

    private final boolean visible;

    ClientStatus(boolean visible) {
        this.visible = visible;
    }

    public boolean visible() {
        return visible;
    }

    /** The statuses re-verification checks: every visible one. */
    public static List<ClientStatus> reverified() {
        return Arrays.stream(values()).filter(ClientStatus::visible).toList();
    }

    /** The stored form, e.g. {@code active}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientStatus ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown client status"));
    }
}
