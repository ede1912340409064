package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrationAccessTokenTest {

    private static final String TOKEN = "q2Xw9bLr0kVt3mZc7HsY1aPe5uNj8gDf4iKo6RlTnWE";
    private static final String KEPT = new RegistrationAccessToken(TOKEN).hash();

    @Test
    void hashesTheSameTokenToTheSameUrlSafeSha256Digest() {
        assertThat(new RegistrationAccessToken(TOKEN).hash()).isEqualTo(KEPT);
        assertThat(KEPT).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(TOKEN).doesNotContain(TOKEN);
        // SHA-256("abc"), base64url without padding (FIPS 180-2 test vector)
        assertThat(new RegistrationAccessToken("abc").hash()).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void hashesDifferentTokensDifferently() {
        assertThat(new RegistrationAccessToken(TOKEN + "x").hash()).isNotEqualTo(KEPT);
    }

    static Stream<Arguments> presentedTokens() {
        return Stream.of(
                arguments("the token itself", TOKEN, KEPT, true),
                arguments("another token", "another-token-entirely-0000000000000000000", KEPT, false),
                arguments("the token with a character more", TOKEN + "A", KEPT, false),
                arguments("the token with a character less", TOKEN.substring(1), KEPT, false),
                arguments("the token in other case", TOKEN.toUpperCase(java.util.Locale.ROOT), KEPT, false),
                arguments("the kept hash itself", KEPT, KEPT, false),
                arguments("no token", null, KEPT, false),
                arguments("an empty token", "", KEPT, false),
                arguments("the token, but nothing kept", TOKEN, null, false),
                arguments("the token, but an empty hash kept", TOKEN, "", false),
                arguments("the token, but the token itself kept instead of its hash", TOKEN, TOKEN, false),
                arguments("no token and nothing kept", null, null, false));
    }

    @ParameterizedTest(name = "{0} matches: {3}")
    @MethodSource("presentedTokens")
    void matchesOnlyTheTokenWhoseHashIsKept(String what, String presented, String kept, boolean matches) {
        assertThat(RegistrationAccessToken.matches(presented, kept)).isEqualTo(matches);
    }

    @Test
    void neverShowsItsValueInText() {
        assertThat(new RegistrationAccessToken(TOKEN).toString()).doesNotContain(TOKEN).contains("redacted");
    }

    @org.junit.jupiter.api.Test
    void neverMatchesAMissingOrEmptyTokenEvenAgainstTheHashOfEmpty() {
        String hashOfEmpty = new RegistrationAccessToken("").hash();

        assertThat(RegistrationAccessToken.matches(null, hashOfEmpty)).isFalse();
        assertThat(RegistrationAccessToken.matches("", hashOfEmpty)).isFalse();
    }
}
