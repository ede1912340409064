package health.registration.core.model;

/**
 * The metadata members that hold URLs, with what each must be (policy sections 2, 3, 5 and 9). Every URL member of
 * the {@link MetadataMember} table is here, so each gets the URL rules and the public-address check of probing.
 */
public enum UrlField {
    REDIRECT_URI(MetadataMember.REDIRECT_URIS, true, Answer.REACHABLE),
    CLIENT_URI(MetadataMember.CLIENT_URI, false, Answer.SUCCESS),
    LOGO_URI(MetadataMember.LOGO_URI, true, Answer.IMAGE),
    TOS_URI(MetadataMember.TOS_URI, false, Answer.SUCCESS),
    POLICY_URI(MetadataMember.POLICY_URI, false, Answer.SUCCESS),
    JWKS_URI(MetadataMember.JWKS_URI, true, Answer.SUCCESS),
    SECTOR_IDENTIFIER_URI(MetadataMember.SECTOR_IDENTIFIER_URI, true, Answer.SUCCESS),
    INITIATE_LOGIN_URI(MetadataMember.INITIATE_LOGIN_URI, true, Answer.REACHABLE),
    REQUEST_URI(MetadataMember.REQUEST_URIS, true, Answer.REACHABLE),
    POST_LOGOUT_REDIRECT_URI(MetadataMember.POST_LOGOUT_REDIRECT_URIS, true, Answer.REACHABLE),
    BACKCHANNEL_LOGOUT_URI(MetadataMember.BACKCHANNEL_LOGOUT_URI, true, Answer.REACHABLE),
    FRONTCHANNEL_LOGOUT_URI(MetadataMember.FRONTCHANNEL_LOGOUT_URI, true, Answer.REACHABLE);

    /** What a GET of the URL must answer (policy section 5); never a redirect. */
    public enum Answer {
        /** 2xx: a page or document the service or the authorization server reads (jwks_uri, sector_identifier_uri). */
        SUCCESS,
        /**
         * 2xx, or a 4xx other than 404 and 410: an endpoint that is called later with parameters (or, for back-channel
         * logout, with a POST), so a bare GET may well be refused, but the endpoint must exist.
         */
        REACHABLE,
        /** 200 with an image whose bytes agree with its content type. */
        IMAGE
    }

    private final MetadataMember member;
    private final boolean httpsOnly;
    private final Answer answer;

    UrlField(MetadataMember member, boolean httpsOnly, Answer answer) {
        this.member = member;
        this.httpsOnly = httpsOnly;
        this.answer = answer;
    }

    public MetadataMember member() {
        return member;
    }

    /**
     * Only client_uri, tos_uri and policy_uri may be http (with a warning, policy section 2); every other URL
     * member is https only (policy sections 3 and 9).
     */
    public boolean httpsOnly() {
        return httpsOnly;
    }

    public Answer answer() {
        return answer;
    }
}
