package health.registration.core.udap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import health.registration.core.port.StoreUnavailable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * This server's UDAP discovery document (IG STU2 §2): the unsigned members of §2.2 and {@code signed_metadata}, a JWT
 * signed with RS256 whose header carries the certificate chain in {@code x5c} and whose claims are {@code iss} =
 * {@code sub} = the FHIR base URL, {@code iat}, {@code exp}, a random {@code jti} and the endpoints, equal to the
 * unsigned ones (§2.3; UDAP Server Metadata §3.4 rejects a document whose endpoints differ).
 *
 * <p><b>A certificate per community.</b> STU2 §2.4 says a server that recognises the {@code community} URI
 * "SHALL select a certificate intended for use within the identified trust community". A configured community with
 * credentials of its own ({@link CommunitySigningCredentials}) gets a document signed with them, provided their chain
 * leads to that community's anchor; any other configured community gets the default credentials, which the operator
 * has issued in (or cross-certified into) it; an unknown one gets {@link UdapMetadataAnswer.UnknownCommunity}.
 *
 * <p><b>Lifetime and caching.</b> {@code exp} is {@value #LIFETIME_HOURS} hours after {@code iat}: well within the
 * §2.3 limit ("no more than 1 year after"), long enough for clients that cache the document, short enough that
 * metadata signed with a replaced certificate ages out within a day. The signed document is kept and signed afresh
 * (new {@code iat}, {@code exp} and {@code jti}) once it is {@value #REFRESH_MINUTES} minutes old, so a request costs no
 * signature and a document served is always valid for more than {@code LIFETIME - REFRESH} hours, far beyond any HTTP
 * cache lifetime. One signed document is kept per credentials. Nothing is signed when this object is built: under
 * SnapStart no timestamp or random value is baked into a snapshot. A {@code jti} is never reused for another JWT (IG
 * STU2 general §7.1.4): each signature draws 128 random bits. Thread-safe: concurrent first requests may each sign;
 * one of the documents is kept.
 */
public final class UdapMetadata {

    static final long LIFETIME_HOURS = 24;
    static final long REFRESH_MINUTES = 60;
    static final Duration LIFETIME = Duration.ofHours(LIFETIME_HOURS);
    static final Duration REFRESH_AFTER = Duration.ofMinutes(REFRESH_MINUTES);
    private static final int JTI_BYTES = 16;

    /** Where the default credentials' document is kept in {@link #current}. */
    private static final String DEFAULT = "";

    private final UdapMetadataSettings settings;
    private final Supplier<CommunitySigningCredentials> credentials;
    private final Supplier<TrustAnchors> anchors;
    private final Clock clock;
    private final ObjectNode unsigned;
    /** By the community whose own credentials signed it, or {@link #DEFAULT}: at most one per configured key. */
    private final Map<String, Signed> current = new ConcurrentHashMap<>();

    /** A signed document, when it was signed and with which credentials. */
    private record Signed(String json, Instant issuedAt, ServerSigningCredentials signedWith) {}

    /**
     * @param settings    the endpoints and scopes to publish
     * @param credentials the signing key and chain, checked for {@code settings.baseUrl()}
     * @param anchors     the trust communities whose URIs the {@code community} parameter may name; at least one
     * @param clock       the time of {@code iat} and {@code exp}
     * @throws IllegalArgumentException when the credentials were checked for another base URL, or there is no anchor
     */
    public UdapMetadata(UdapMetadataSettings settings, ServerSigningCredentials credentials, TrustAnchors anchors,
            Clock clock) {
        this(settings, constant(CommunitySigningCredentials.of(credentials)), constant(anchors), clock);
        requireIssuer(credentials);
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("UDAP metadata needs at least one trust community");
        }
    }

    /**
     * As {@link #UdapMetadata(UdapMetadataSettings, ServerSigningCredentials, TrustAnchors, Clock)}, with the
     * credentials and anchors asked for at each request (refreshing secrets, read after a SnapStart restore and
     * re-read on a schedule); nothing is read here. A document is signed afresh as soon as the credentials change,
     * and while the anchors hold no community, UDAP is not offered.
     */
    public UdapMetadata(UdapMetadataSettings settings, Supplier<CommunitySigningCredentials> credentials,
            Supplier<TrustAnchors> anchors, Clock clock) {
        this.settings = Objects.requireNonNull(settings);
        this.credentials = Objects.requireNonNull(credentials);
        this.anchors = Objects.requireNonNull(anchors);
        this.clock = Objects.requireNonNull(clock);
        this.unsigned = UdapMetadataDocument.unsigned(settings);
    }

    private void requireIssuer(ServerSigningCredentials signing) {
        if (!signing.issuer().equals(settings.baseUrl())) {
            throw new IllegalArgumentException("the server credentials were checked for " + signing.issuer()
                    + ", not for the FHIR base URL " + settings.baseUrl());
        }
    }

    private static <T> Supplier<T> constant(T value) {
        Objects.requireNonNull(value);
        return () -> value;
    }

    /**
     * The answer to {@code GET /.well-known/udap}, with or without the §2.4 {@code community} parameter (compared
     * with the configured community URIs as a case-sensitive string, IG STU2 general §7.1.5).
     */
    public UdapMetadataAnswer answer(Optional<String> community) {
        TrustAnchors trusted = anchors.get();
        if (trusted.isEmpty()) {
            return new UdapMetadataAnswer.NotOffered();
        }
        if (community.isEmpty()) {
            return new UdapMetadataAnswer.Document(document());
        }
        Optional<TrustCommunity> known = trusted.byUri(community.get());
        if (known.isEmpty()) {
            return new UdapMetadataAnswer.UnknownCommunity();
        }
        CommunitySigningCredentials all = credentials.get();
        Optional<ServerSigningCredentials> own = all.ofCommunity(known.get().uri());
        if (own.isEmpty()) {
            return new UdapMetadataAnswer.Document(document(DEFAULT, all.defaults()));
        }
        if (!CommunitySigningCredentials.issuedIn(own.get(), known.get())) {
            // The operator's two secrets disagree: a client of the community would reject the chain (§2.4).
            throw new StoreUnavailable("the server credentials of community " + known.get().uri()
                    + " do not chain to that community's trust anchor", null);
        }
        return new UdapMetadataAnswer.Document(document(known.get().uri(), own.get()));
    }

    /** The whole document without a community, signed at most {@link #REFRESH_AFTER} ago. */
    public String document() {
        return document(DEFAULT, credentials.get().defaults());
    }

    private String document(String key, ServerSigningCredentials signing) {
        Instant now = clock.instant();
        Signed signed = current.get(key);
        if (signed == null || signed.signedWith() != signing || now.isBefore(signed.issuedAt())
                || !now.isBefore(signed.issuedAt().plus(REFRESH_AFTER))) {
            requireIssuer(signing);
            signed = sign(signing, now.truncatedTo(ChronoUnit.SECONDS));
            current.put(key, signed);
        }
        return signed.json();
    }

    private Signed sign(ServerSigningCredentials signing, Instant issuedAt) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .x509CertChain(signing.x5c())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims(issuedAt));
        try {
            jwt.sign(new RSASSASigner(signing.privateKey()));
        } catch (JOSEException e) {
            // The key was checked when the credentials were built; the cause never holds key material.
            throw new IllegalStateException("signing the UDAP metadata failed: " + e.getClass().getSimpleName());
        }
        return new Signed(UdapMetadataDocument.withSignedMetadata(unsigned, jwt.serialize()), issuedAt, signing);
    }

    /** IG STU2 §2.3: the claims of signed_metadata. */
    private JWTClaimsSet claims(Instant issuedAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.baseUrl())
                .subject(settings.baseUrl())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .jwtID(jti());
        // "REQUIRED if the authorization_endpoint parameter is included in the unsigned metadata".
        settings.authorizationEndpoint().ifPresent(uri -> claims.claim(UdapMetadataDocument.AUTHORIZATION_ENDPOINT,
                uri.toString()));
        claims.claim(UdapMetadataDocument.TOKEN_ENDPOINT, settings.tokenEndpoint().toString());
        claims.claim(UdapMetadataDocument.REGISTRATION_ENDPOINT, settings.registrationEndpoint().toString());
        return claims.build();
    }

    /** 128 bits from a generator made now, not one restored from a snapshot. */
    private static String jti() {
        byte[] bytes = new byte[JTI_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }
}
