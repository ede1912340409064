package health.registration.core.certificate;

import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.port.WriteConflict;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may obtain a certificate naming a client URI (docs/api/certificates.md): the developer who proved
 * control of its host by serving a fresh {@link OwnershipChallenge} token, while no valid certificate of another
 * developer names the same URI. Issues challenges; before issuance checks the request's challenge (known, unused,
 * unexpired, issued for this developer and URI) and the URI's current owner, then fetches the challenge URL, then
 * uses the challenge (once: a conditional write). Every refusal names {@code /developer_id}, {@code /challenge} or
 * {@code /san_uri}. Tokens never leave this class except in {@link ChallengeOutcome.Issued}.
 */
public final class CertificateOwnership {

    /** 256 random bits: far above the 128 a bearer secret needs (RFC 6749 §10.10). */
    static final int TOKEN_BYTES = 32;
    static final int TOKEN_ATTEMPTS = 3;
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String CHALLENGE = "/" + CertificateRequest.CHALLENGE;
    private static final String SAN_URI = "/" + CertificateRequest.SAN_URI;

    private final ChallengeStore challenges;
    private final ChallengeSite site;
    private final CertificateStore certificates;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CertificateOwnership(ChallengeStore challenges, ChallengeSite site, CertificateStore certificates, Clock clock) {
        this.challenges = Objects.requireNonNull(challenges);
        this.site = Objects.requireNonNull(site);
        this.certificates = Objects.requireNonNull(certificates);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Issues a challenge for the developer and client URI ({@code POST /operator/certificates/challenges}). */
    public ChallengeOutcome challenge(String developerId, String sanUri) {
        List<Violation> problems = new ArrayList<>();
        DeveloperId.problem(developerId).ifPresent(problems::add);
        problems.addAll(UdapClientUri.uriProblems(sanUri));
        Instant now = clock.instant();
        if (problems.isEmpty()) {
            ownedByAnother(developerId, sanUri, now).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return new ChallengeOutcome.Refused(RegistrationError.of(problems));
        }
        WriteConflict last = null;
        for (int attempt = 0; attempt < TOKEN_ATTEMPTS; attempt++) {
            String token = token();
            OwnershipChallenge challenge = new OwnershipChallenge(OwnershipChallenge.hash(token), developerId, sanUri,
                    now, now.plus(OwnershipChallenge.LIFETIME), null);
            try {
                challenges.save(challenge);
                return new ChallengeOutcome.Issued(token, OwnershipChallenge.url(UdapClientUri.hostOf(sanUri), token),
                        challenge.expiresAt(), developerId, sanUri);
            } catch (WriteConflict taken) {
                last = taken;
            }
        }
        throw last;
    }

    /**
     * What stops the request before any network request: its developer id, its challenge as stored, and another
     * developer's valid certificate for the URI. Empty when it may go on to {@link #unproven}.
     */
    List<Violation> problems(CertificateRequest request) {
        List<Violation> problems = new ArrayList<>();
        DeveloperId.problem(request.developerId()).ifPresent(problems::add);
        String token = request.challenge();
        if (token == null || token.isEmpty()) {
            problems.add(challengeError("challenge is required: the token of POST /operator/certificates/challenges,"
                    + " served at its url"));
        } else if (!TOKEN_SHAPE.matcher(token).matches()) {
            problems.add(challengeError("challenge is not a token this authority issued"));
        } else if (problems.isEmpty() && UdapClientUri.uriProblems(request.sanUri()).isEmpty()) {
            // Only a well-formed URI (bounded by the policy's URL limits) is looked up: it is an index key.
            Instant now = clock.instant();
            storedProblem(challenges.find(OwnershipChallenge.hash(token)), request, now).ifPresent(problems::add);
            ownedByAnother(request.developerId(), request.sanUri(), now).ifPresent(problems::add);
        }
        return problems;
    }

    /** Fetches the challenge URL: a problem unless it answers exactly the token (one final line break aside). */
    Optional<Violation> unproven(CertificateRequest request) {
        String url = OwnershipChallenge.url(UdapClientUri.hostOf(request.sanUri()), request.challenge());
        Optional<String> body = site.body(url);
        if (body.isEmpty()) {
            return Optional.of(challengeError("challenge was not found: " + url.substring(0, url.lastIndexOf('/') + 1)
                    + "<token> must answer 200 over https, from a public address, without redirects"));
        }
        if (!withoutFinalLineBreak(body.get()).equals(request.challenge())) {
            return Optional.of(challengeError("challenge was not answered: the challenge url must serve exactly the"
                    + " token (a final line break is allowed), nothing else"));
        }
        return Optional.empty();
    }

    /** Uses the challenge, once; a problem when another issuance used it first. */
    Optional<Violation> use(CertificateRequest request) {
        try {
            challenges.use(OwnershipChallenge.hash(request.challenge()), clock.instant());
            return Optional.empty();
        } catch (WriteConflict usedMeanwhile) {
            return Optional.of(challengeError("challenge was used already; ask for a new one"));
        }
    }

    private static Optional<Violation> storedProblem(Optional<OwnershipChallenge> stored, CertificateRequest request,
                                                     Instant now) {
        if (stored.isEmpty()) {
            return Optional.of(challengeError("challenge is not a token this authority issued"));
        }
        OwnershipChallenge challenge = stored.get();
        if (challenge.used().isPresent()) {
            return Optional.of(challengeError("challenge was used already; ask for a new one"));
        }
        if (!now.isBefore(challenge.expiresAt())) {
            return Optional.of(challengeError("challenge expired at " + challenge.expiresAt() + "; ask for a new one"));
        }
        if (!challenge.developerId().equals(request.developerId()) || !challenge.sanUri().equals(request.sanUri())) {
            return Optional.of(challengeError("challenge was issued for another developer_id or san_uri"));
        }
        return Optional.empty();
    }

    /** A problem when a certificate of another developer still binds the URI (not revoked, not expired). */
    private Optional<Violation> ownedByAnother(String developerId, String sanUri, Instant now) {
        boolean taken = certificates.bySanUri(sanUri).stream()
                .anyMatch(c -> c.binds(now) && !developerId.equals(c.developerId()));
        return taken ? Optional.of(Violation.error(SAN_URI, RegistrationErrorCode.INVALID_REQUEST, "san_uri is bound to"
                + " a valid certificate of another developer; it can be certified again once that one is revoked or"
                + " expires")) : Optional.empty();
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String withoutFinalLineBreak(String body) {
        if (body.endsWith("\r\n")) {
            return body.substring(0, body.length() - 2);
        }
        return body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
    }

    private static Violation challengeError(String description) {
        return Violation.error(CHALLENGE, RegistrationErrorCode.INVALID_REQUEST, description);
    }
}
