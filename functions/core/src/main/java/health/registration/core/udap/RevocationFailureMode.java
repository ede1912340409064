package health.registration.core.udap;

/**
 * What a certificate's revocation status counts as when its certificate revocation list cannot be obtained (UDAP DCR
 * §4.2 requires "revocation status checking" but says nothing of an unreachable CRL). It also decides what a
 * certificate without a usable CRL distribution point counts as.
 */
public enum RevocationFailureMode {
    /**
     * Fail closed (the default): an unknown revocation status refuses the software statement as
     * {@code unapproved_software_statement}.
     */
    REJECT,
    /**
     * Fail open: an unknown revocation status counts as not revoked. This is weaker than {@link #REJECT}: anyone who
     * can block or slow the CRL download (or a CA that publishes no CRL) makes a revoked certificate pass. A CRL that
     * is obtained and lists the certificate still refuses it.
     */
    ACCEPT
}
