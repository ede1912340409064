package health.registration.core.model;

/** The metadata members that hold URLs, with what each must be (policy sections 2, 3 and 5). */
public enum UrlField {
    REDIRECT_URI(MetadataMember.REDIRECT_URIS, true),
    CLIENT_URI(MetadataMember.CLIENT_URI, false),
    LOGO_URI(MetadataMember.LOGO_URI, true),
    TOS_URI(MetadataMember.TOS_URI, false),
    POLICY_URI(MetadataMember.POLICY_URI, false);

    private final MetadataMember member;
    private final boolean httpsOnly;

    UrlField(MetadataMember member, boolean httpsOnly) {
        this.member = member;
        this.httpsOnly = httpsOnly;
    }

    public MetadataMember member() {
        return member;
    }

    /** The requirements: redirect_uris and logo_uri must be served over HTTPS. */
    public boolean httpsOnly() {
        return httpsOnly;
    }
}
