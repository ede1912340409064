package health.registration.core.certificate;

import health.registration.core.policy.RegistrationError;
import java.time.Instant;
import java.util.Objects;

/** What {@link CertificateOwnership#challenge} answered. */
public sealed interface ChallengeOutcome {

    /** The members of the {@code 201} answer besides {@code developer_id} and {@code san_uri}. */
    String TOKEN = "token";
    String URL = "url";
    String EXPIRES_AT = "expires_at";

    /**
     * A challenge was issued: the developer serves {@code token} at {@code url} until {@code expiresAt}.
     *
     * @param token the token, answered once and never logged
     */
    record Issued(String token, String url, Instant expiresAt, String developerId, String sanUri)
            implements ChallengeOutcome {

        public Issued {
            Objects.requireNonNull(token);
            Objects.requireNonNull(url);
            Objects.requireNonNull(expiresAt);
            Objects.requireNonNull(developerId);
            Objects.requireNonNull(sanUri);
        }
    }

    /** No challenge was issued: every problem with the request, as an RFC 7591 style 400. */
    record Refused(RegistrationError error) implements ChallengeOutcome {

        public Refused {
            Objects.requireNonNull(error);
        }
    }
}
