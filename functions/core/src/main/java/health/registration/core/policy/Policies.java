package health.registration.core.policy;

import health.registration.core.policy.rules.ArrayEntriesAreUnique;
import health.registration.core.policy.rules.ArraysWithinLimits;
import health.registration.core.policy.rules.ClientNameIsDisplayable;
import health.registration.core.policy.rules.ContactDomainMatchesClient;
import health.registration.core.policy.rules.ContactIsEmailAddress;
import health.registration.core.policy.rules.GrantTypesArePermitted;
import health.registration.core.policy.rules.GrantTypesMatchResponseTypes;
import health.registration.core.policy.rules.JwksAndJwksUriAreExclusive;
import health.registration.core.policy.rules.JwksHoldsOnlyPublicKeys;
import health.registration.core.policy.rules.JwksIsBoundedKeySet;
import health.registration.core.policy.rules.JwksKeyIdsAreDistinct;
import health.registration.core.policy.rules.JwksKeysAreStrongSigningKeys;
import health.registration.core.policy.rules.LanguageTagsAreWellFormed;
import health.registration.core.policy.rules.ManualClientAuthenticationIsPermitted;
import health.registration.core.policy.rules.ManualGrantTypesArePermitted;
import health.registration.core.policy.rules.ManualResponseTypesFollowTheGrants;
import health.registration.core.policy.rules.MembersHaveEnumeratedValues;
import health.registration.core.policy.rules.MembersHaveExpectedTypes;
import health.registration.core.policy.rules.NativeRedirectUriIsAcceptable;
import health.registration.core.policy.rules.NumbersAreWithinBounds;
import health.registration.core.policy.rules.RedirectUriHasNoWildcard;
import health.registration.core.policy.rules.RedirectUriHostIsNotLoopback;
import health.registration.core.policy.rules.RedirectUriUsesHttps;
import health.registration.core.policy.rules.RequiredMembersArePresent;
import health.registration.core.policy.rules.ResponseTypesArePermitted;
import health.registration.core.policy.rules.ScopeIsScopeTokens;
import health.registration.core.policy.rules.ScopesAreSupported;
import health.registration.core.policy.rules.SoftwareStatementIsUdap;
import health.registration.core.policy.rules.TextIsWithinLength;
import health.registration.core.policy.rules.TokenEndpointAuthMethodIsPermitted;
import health.registration.core.policy.rules.UdapClientAuthenticationIsPrivateKeyJwt;
import health.registration.core.policy.rules.UdapGrantTypesAreValid;
import health.registration.core.policy.rules.UdapParametersFollowTheGrant;
import health.registration.core.policy.rules.UdapScopeAndContactsArePresent;
import health.registration.core.policy.rules.UrlHasNoFragment;
import health.registration.core.policy.rules.UrlHasNoUserInfo;
import health.registration.core.policy.rules.UrlHostIsNotIpLiteral;
import health.registration.core.policy.rules.UrlHostIsPublicDomainName;
import health.registration.core.policy.rules.UrlIsCanonical;
import health.registration.core.policy.rules.UrlIsWellFormed;
import health.registration.core.policy.rules.UrlUsesDefaultPort;
import health.registration.core.policy.rules.UrlUsesWebScheme;
import health.registration.core.policy.rules.UrlsAreHosted;
import java.util.List;

/**
 * The policy of each registration path, as lists of rules. Paths differ only by the rules they list. No rule touches
 * the network: probing (policy section 5) happens before evaluation and reaches the rules through the context.
 */
public final class Policies {

    /** Sections 2 and 8: what every path reads the same way (the required members come per path). */
    private static final List<Rule> SHAPE = List.of(
            new MembersHaveExpectedTypes(),
            new ArraysWithinLimits(),
            new ArrayEntriesAreUnique(),
            new LanguageTagsAreWellFormed(),
            new ClientNameIsDisplayable());

    /** Sections 2, 3 and 5 (static part): URL syntax and hosts. */
    private static final List<Rule> URL_SYNTAX = List.of(
            new UrlIsWellFormed(),
            new RedirectUriUsesHttps(),
            new UrlUsesWebScheme(),
            new RedirectUriHostIsNotLoopback(),
            new UrlHostIsNotIpLiteral(),
            new UrlHostIsPublicDomainName(),
            new UrlHasNoUserInfo(),
            new UrlHasNoFragment(),
            new RedirectUriHasNoWildcard(),
            new UrlUsesDefaultPort(),
            new UrlIsCanonical());

    /**
     * Section 9: the values of the other members the service understands, the same on every path (their URLs are
     * in the URL rules, by the URL field table).
     */
    private static final List<Rule> MEMBER_VALUES = List.of(
            new MembersHaveEnumeratedValues(),
            new NumbersAreWithinBounds(),
            new TextIsWithinLength(),
            new ScopeIsScopeTokens(),
            new ScopesAreSupported(),
            new JwksIsBoundedKeySet(),
            new JwksHoldsOnlyPublicKeys(),
            new JwksKeysAreStrongSigningKeys(),
            new JwksKeyIdsAreDistinct(),
            new JwksAndJwksUriAreExclusive());

    /** Section 5: what probing found (nothing when the caller did not probe). */
    private static final List<Rule> HOSTING = List.of(new UrlsAreHosted());

    /** Section 6. */
    private static final List<Rule> CONTACTS = List.of(
            new ContactIsEmailAddress(),
            new ContactDomainMatchesClient());

    /** Section 4 on the UDAP path, with its B2B exception, and the UDAP IG's registration parameters (STU2 §3.1). */
    private static final List<Rule> UDAP_GRANTS = List.of(
            new UdapGrantTypesAreValid(),
            new UdapParametersFollowTheGrant(),
            new UdapClientAuthenticationIsPrivateKeyJwt(),
            new UdapScopeAndContactsArePresent());

    /** Section 4, plain registration with a client secret. */
    private static final List<Rule> SECRET_CLIENT_GRANTS = List.of(
            new GrantTypesArePermitted(),
            new ResponseTypesArePermitted(),
            new TokenEndpointAuthMethodIsPermitted(),
            new GrantTypesMatchResponseTypes());

    /** RFC 7591 §2.3 on the open path: this server approves software statements only through UDAP. */
    private static final List<Rule> OPEN_SOFTWARE_STATEMENT = List.of(new SoftwareStatementIsUdap());

    /**
     * Sections 2, 3 and 5 on the manual path: the same, except that native apps' redirect URIs (private-use schemes,
     * loopback addresses with any port) are accepted, and not probed.
     */
    private static final List<Rule> MANUAL_URL_SYNTAX = List.of(
            new UrlIsWellFormed(),
            new NativeRedirectUriIsAcceptable(),
            new UrlUsesWebScheme(),
            new UrlHostIsNotIpLiteral(),
            new UrlHostIsPublicDomainName(),
            new UrlHasNoUserInfo(),
            new UrlHasNoFragment(),
            new RedirectUriHasNoWildcard(),
            UrlUsesDefaultPort.exceptLoopbackRedirects(),
            new UrlIsCanonical());

    /** Section 4 with the manual path's relaxations: client_credentials, public clients, private_key_jwt. */
    private static final List<Rule> MANUAL_GRANTS = List.of(
            new ManualGrantTypesArePermitted(),
            new ManualResponseTypesFollowTheGrants(),
            new ManualClientAuthenticationIsPermitted());

    private Policies() {}

    /** The URL rules of the open paths alone: the prober probes only URLs that pass them. */
    public static Policy openUrlRules() {
        return new Policy("open-url-rules", URL_SYNTAX);
    }

    /** Open dynamic registration (RFC 7591, {@code POST /register} with JSON metadata). */
    public static Policy openDynamicRegistration() {
        return new Policy("open-dynamic-registration",
                concat(SHAPE, List.of(new RequiredMembersArePresent()), URL_SYNTAX, MEMBER_VALUES, HOSTING, CONTACTS, SECRET_CLIENT_GRANTS,
                        OPEN_SOFTWARE_STATEMENT));
    }

    /**
     * UDAP dynamic registration: the registration parameters of a verified software statement. The same members,
     * URL, hosting and contact rules as the open path; the UDAP grants, where client_credentials is allowed with
     * private_key_jwt and then carries every member but redirect_uris.
     */
    public static Policy udapRegistration() {
        return new Policy("udap-registration", concat(SHAPE, List.of(RequiredMembersArePresent.withRedirectUrisOnlyForAuthorizationCode()),
                URL_SYNTAX, MEMBER_VALUES, HOSTING, CONTACTS, UDAP_GRANTS));
    }

    /** The URL rules of the manual path alone: its prober plans its URLs by them. */
    public static Policy manualUrlRules() {
        return new Policy("manual-url-rules", MANUAL_URL_SYNTAX);
    }

    /**
     * Manual registration by the operator (policy section 1): all seven members, the URL rules with native apps'
     * redirect URIs accepted, hosting for every other URL, contacts, and the manual grants.
     */
    public static Policy manualRegistration() {
        return new Policy("manual-registration",
                concat(SHAPE, List.of(new RequiredMembersArePresent()), MANUAL_URL_SYNTAX, MEMBER_VALUES, HOSTING, CONTACTS, MANUAL_GRANTS));
    }

    @SafeVarargs
    private static List<Rule> concat(List<Rule>... groups) {
        return java.util.Arrays.stream(groups).flatMap(List::stream).toList();
    }
}
