package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.core.issue.Credentials.HeldToken;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which registration access token a bearer holds, and how an RFC 7592 read rotates them. */
class CredentialsTest {

    private static final Instant READ_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final String CURRENT = "current-token";
    private static final String PREVIOUS = "previous-token";

    private static Credentials withPrevious(Instant previousExpiresAt) {
        return new Credentials("arn", hash(CURRENT), READ_AT, 0, null,
                new PreviousRegistrationToken(hash(PREVIOUS), previousExpiresAt));
    }

    @ParameterizedTest(name = "{0} at +{1}: {2}")
    @CsvSource({
        "current-token,  PT0S,         CURRENT",
        "current-token,  PT48H,        CURRENT",   // the current token never expires
        "previous-token, PT0S,         PREVIOUS",
        "previous-token, PT23H59M59S,  PREVIOUS",
        "previous-token, PT24H,        NONE",      // GRACE has passed
        "other-token,    PT0S,         NONE",
        "'',             PT0S,         NONE",
    })
    void tellsWhichTokenTheBearerHolds(String bearer, Duration after, HeldToken expected) {
        Credentials credentials = withPrevious(READ_AT.plus(PreviousRegistrationToken.GRACE));

        assertThat(credentials.heldBy(bearer, READ_AT.plus(after))).isEqualTo(expected);
    }

    @Test
    void neitherTokenWithoutAPreviousOneOrForNoBearer() {
        Credentials credentials = new Credentials("arn", hash(CURRENT), READ_AT, 0);

        assertThat(credentials.heldBy(PREVIOUS, READ_AT)).isEqualTo(HeldToken.NONE);
        assertThat(credentials.heldBy(null, READ_AT)).isEqualTo(HeldToken.NONE);
        assertThat(credentials.heldBy(CURRENT, READ_AT)).isEqualTo(HeldToken.CURRENT);
    }

    @Test
    void aReadWithTheCurrentTokenKeepsItAsThePreviousForTheGracePeriod() {
        Credentials rotated = withPrevious(READ_AT).rotatedOnRead(hash("new-token"), HeldToken.CURRENT, READ_AT.plusSeconds(60));

        assertThat(rotated.registrationTokenHash()).isEqualTo(hash("new-token"));
        assertThat(rotated.previousToken()).isEqualTo(new PreviousRegistrationToken(hash(CURRENT),
                READ_AT.plusSeconds(60).plus(Duration.ofHours(24))));
    }

    @Test
    void aReadWithThePreviousTokenKeepsItWithItsExpiryAndDropsTheUnusedCurrentOne() {
        Instant expiry = READ_AT.plus(Duration.ofHours(20));

        Credentials rotated = withPrevious(expiry).rotatedOnRead(hash("new-token"), HeldToken.PREVIOUS, READ_AT.plusSeconds(60));

        assertThat(rotated.registrationTokenHash()).isEqualTo(hash("new-token"));
        assertThat(rotated.previousToken()).isEqualTo(new PreviousRegistrationToken(hash(PREVIOUS), expiry));
        assertThat(rotated.heldBy(CURRENT, READ_AT.plusSeconds(60))).isEqualTo(HeldToken.NONE);
    }

    @Test
    void anUpdatesTokenDropsThePreviousOne() {
        Credentials updated = withPrevious(READ_AT.plus(Duration.ofHours(24))).withTokenHash(hash("update-token"));

        assertThat(updated.previousToken()).isNull();
        assertThat(updated.heldBy(PREVIOUS, READ_AT)).isEqualTo(HeldToken.NONE);
    }

    @Test
    void otherChangesKeepThePreviousToken() {
        Credentials credentials = withPrevious(READ_AT.plus(Duration.ofHours(24)));

        assertThat(credentials.withSecretArn("another-arn").previousToken()).isEqualTo(credentials.previousToken());
    }

    @Test
    void aUdapClientHasNoPreviousToken() {
        CertificateBinding binding = new CertificateBinding("https://app.example.com", "community", "MIIB", "thumbprint");

        assertThatThrownBy(() -> new Credentials(null, null, READ_AT, 0, binding,
                new PreviousRegistrationToken(hash(PREVIOUS), READ_AT))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Credentials.ofCertificate(binding, READ_AT).heldBy(PREVIOUS, READ_AT)).isEqualTo(HeldToken.NONE);
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(new ClientSecret("s3cr3t-value")).hasToString("ClientSecret[redacted]");
    }

    @Test
    void neverShowsEitherHash() {
        Credentials credentials = withPrevious(READ_AT);

        assertThat(credentials.toString()).doesNotContain(hash(CURRENT), hash(PREVIOUS)).contains("registrationTokenHash=redacted");
        assertThat(credentials.previousToken().toString()).doesNotContain(hash(PREVIOUS)).contains("hash=redacted");
    }

    private static String hash(String token) {
        return new RegistrationAccessToken(token).hash();
    }
}
