package health.registration.core.certificate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLReason;

/**
 * Why a certificate was revoked: the RFC 5280 §5.3.1 reason codes an operator of a client certificate can mean
 * (certificateHold, removeFromCRL and the CA-only reasons are left out: this CA never suspends, and never revokes
 * itself through this path).
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("key_compromise", CRLReason.keyCompromise),
    AFFILIATION_CHANGED("affiliation_changed", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessation_of_operation", CRLReason.cessationOfOperation),
    PRIVILEGE_WITHDRAWN("privilege_withdrawn", CRLReason.privilegeWithdrawn);

    private final String code;
    private final int crlReason;

    RevocationReason(String code, int crlReason) {
        this.code = code;
        this.crlReason = crlReason;
    }

    /** The wire and store form, e.g. {@code key_compromise}. */
    public String code() {
        return code;
    }

    /** The RFC 5280 §5.3.1 CRLReason value. */
    public int crlReason() {
        return crlReason;
    }

    /** The reason written as its code (any case) or as the RFC 5280 name ({@code keyCompromise}); empty otherwise. */
    public static Optional<RevocationReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String folded = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.code.replace("_", "").equals(folded)).findFirst();
    }
}
