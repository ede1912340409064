package health.registration.core.udap;

import health.registration.core.model.Parsed;
import health.registration.core.policy.RegistrationErrorCode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Verifies a UDAP software statement as UDAP DCR §4 orders it (IG STU2 registration §3.2.3: "The Authorization Server
 * SHALL validate the registration request as per Section 4 of UDAP Dynamic Client Registration"); the first failure
 * wins:
 * <ol>
 *   <li>IG STU2 general §7.1.1–7.1.3: a JWS in compact serialization no longer than a request body, {@code alg}
 *       RS256, ES256, RS384 or ES384 (never {@code none} or a MAC), {@code x5c} of at most five standard-base64 DER
 *       certificates, header and claims each one JSON object without duplicate members, within the limits of a
 *       request body (policy section 8) → otherwise {@code invalid_software_statement};</li>
 *   <li>UDAP DCR §4.1: the signature verifies with the key of {@code x5c[0]}, whose type fits {@code alg} and which,
 *       for RSA, has at least 2048 bits → otherwise {@code invalid_software_statement};</li>
 *   <li>RFC 5280 §4.2.1.9 and §4.2.1.3: {@code x5c[0]} is an end entity whose keyUsage allows digitalSignature;
 *       UDAP DCR §4.2: a PKIX path of at most five certificates from {@code x5c[0]} through the rest of {@code x5c}
 *       to a trust anchor (with the issuers missing from {@code x5c} fetched from Authority Information Access
 *       when {@link #withIssuerCertificates} gave a source, {@link AiaChase}), valid at the clock's instant, no certificate revoked by the CRL of its distribution point; an unknown status counts as the
 *       {@link RevocationFailureMode} says → otherwise {@code unapproved_software_statement} (UDAP DCR §5.2);</li>
 *   <li>UDAP DCR §4.3 and the IG STU2 registration §3.1 table: {@code iss} is a SAN URI of {@code x5c[0]},
 *       {@code sub} equals {@code iss}, {@code aud} is or contains the registration endpoint, {@code exp} is later
 *       than now and than {@code iat} and at most 300 s after it, {@code iat} at most 60 s ahead, {@code exp},
 *       {@code iat} and {@code nbf} JSON integers within a long before any arithmetic, {@code jti} a
 *       non-empty string → otherwise {@code invalid_software_statement}.</li>
 * </ol>
 * Whether the {@code jti} was used before is for the caller to check with its store (IG STU2 general §7.1.4).
 * Thread-safe when the {@link CrlSource} and the anchors' supplier are.
 */
public final class SoftwareStatementVerifier {

    private final Supplier<TrustAnchors> anchors;
    private final CrlSource crls;
    private final RevocationFailureMode onCrlUnavailable;
    private final Clock clock;
    private final URI registrationEndpoint;
    /** registration_endpoint_jwt_signing_alg_values_supported of this server's metadata (IG STU2 §2.2). */
    private final Set<String> signingAlgorithms;
    private final Optional<IssuerCertificateSource> issuers;

    /**
     * @param anchors              the trust communities; with none, every statement is unapproved
     * @param crls                 where the CRLs of chain certificates come from
     * @param onCrlUnavailable     what a certificate whose CRL cannot be obtained counts as
     * @param clock                the time at which certificates, CRLs and claims are judged
     * @param registrationEndpoint the registration endpoint URL exactly as published in the UDAP metadata
     */
    public SoftwareStatementVerifier(TrustAnchors anchors, CrlSource crls, RevocationFailureMode onCrlUnavailable,
            Clock clock, URI registrationEndpoint) {
        this(constant(Objects.requireNonNull(anchors)), crls, onCrlUnavailable, clock, registrationEndpoint);
    }

    /**
     * As {@link #SoftwareStatementVerifier(TrustAnchors, CrlSource, RevocationFailureMode, Clock, URI)}, with the
     * anchors asked for at each verification (a refreshing secret), so that distrusting a community takes effect in
     * a warm function; nothing is read here.
     */
    public SoftwareStatementVerifier(Supplier<TrustAnchors> anchors, CrlSource crls,
            RevocationFailureMode onCrlUnavailable, Clock clock, URI registrationEndpoint) {
        // The JDK would fetch CRLs and issuer certificates by itself, around the SSRF guard, if these were set.
        for (String property : new String[] {"com.sun.security.enableCRLDP", "com.sun.security.enableAIAcaIssuers"}) {
            if (Boolean.getBoolean(property)) {
                throw new IllegalStateException(property + " must not be set: every fetch goes through the prober's guard");
            }
        }
        this.anchors = Objects.requireNonNull(anchors);
        this.crls = Objects.requireNonNull(crls);
        this.onCrlUnavailable = Objects.requireNonNull(onCrlUnavailable);
        this.clock = Objects.requireNonNull(clock);
        this.registrationEndpoint = Objects.requireNonNull(registrationEndpoint);
        this.signingAlgorithms = Set.copyOf(UdapCapabilities.SIGNING_ALGS);
        this.issuers = Optional.empty();
    }

    private SoftwareStatementVerifier(SoftwareStatementVerifier base, Set<String> signingAlgorithms,
            Optional<IssuerCertificateSource> issuers) {
        this.anchors = base.anchors;
        this.crls = base.crls;
        this.onCrlUnavailable = base.onCrlUnavailable;
        this.clock = base.clock;
        this.registrationEndpoint = base.registrationEndpoint;
        this.signingAlgorithms = Set.copyOf(signingAlgorithms);
        this.issuers = issuers;
    }

    /**
     * The same verifier accepting only the algorithms the UDAP metadata advertises in
     * registration_endpoint_jwt_signing_alg_values_supported (IG STU2 §2.2); by default all four of general §7.1.2.
     */
    public SoftwareStatementVerifier withSigningAlgorithms(Collection<String> advertised) {
        return new SoftwareStatementVerifier(this, Set.copyOf(advertised), issuers);
    }

    /**
     * This verifier, fetching the issuer certificates missing from {@code x5c} from their Authority Information
     * Access caIssuers URLs through {@code issuers} (UDAP DCR §4.2); without it, intermediates must be in x5c.
     */
    public SoftwareStatementVerifier withIssuerCertificates(IssuerCertificateSource issuers) {
        return new SoftwareStatementVerifier(this, signingAlgorithms, Optional.of(Objects.requireNonNull(issuers)));
    }

    public StatementVerdict verify(String softwareStatement) {
        Instant now = clock.instant();
        Parsed<SignedStatement> parsed = SignedStatement.parse(Objects.requireNonNull(softwareStatement));
        if (!parsed.isOk()) {
            return invalid(parsed.problem());
        }
        SignedStatement statement = parsed.value();
        if (!signingAlgorithms.contains(statement.algorithm())) {
            return invalid("software_statement alg " + statement.algorithm() + " is not among the"
                    + " registration_endpoint_jwt_signing_alg_values_supported of this server's UDAP metadata");
        }
        Optional<String> badSignature = statement.signatureProblem();
        if (badSignature.isPresent()) {
            return invalid(badSignature.get());
        }
        TrustChain trustChain = new TrustChain(anchors.get(), crls, onCrlUnavailable, issuers);
        Parsed<TrustCommunity> community = trustChain.validate(statement.chain(), now);
        if (!community.isOk()) {
            return new StatementVerdict.Rejected(RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT,
                    community.problem());
        }
        Parsed<StatementClaims.Checked> claims = StatementClaims.check(statement.claims(), statement.leaf(),
                registrationEndpoint, now);
        if (!claims.isOk()) {
            return invalid(claims.problem());
        }
        StatementClaims.Checked checked = claims.value();
        return new StatementVerdict.Verified(new VerifiedStatement(softwareStatement, statement.claims(),
                checked.issuer(), checked.jti(), checked.expiresAt(), community.value(), statement.leaf()));
    }

    private static Supplier<TrustAnchors> constant(TrustAnchors anchors) {
        return () -> anchors;
    }

    private static StatementVerdict invalid(String description) {
        return new StatementVerdict.Rejected(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT, description);
    }
}
