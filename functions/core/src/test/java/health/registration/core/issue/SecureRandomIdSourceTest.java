package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SecureRandomIdSourceTest {

    private static final String BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final int DRAWS = 10_000;

    private final SecureRandomIdSource source = new SecureRandomIdSource();

    static Stream<Arguments> kinds() {
        SecureRandomIdSource shared = new SecureRandomIdSource();
        return Stream.of(
                Arguments.of("client id", (Supplier<String>) () -> shared.newClientId().value(), 22, 16),
                Arguments.of("client secret", (Supplier<String>) () -> shared.newClientSecret().value(), 43, 32),
                Arguments.of("registration access token", (Supplier<String>) () -> shared.newRegistrationAccessToken().value(), 43, 32));
    }

    @ParameterizedTest(name = "a {0} is {2} base64url characters of {3} random bytes")
    @MethodSource("kinds")
    void drawsUnpaddedBase64UrlOfTheRequiredLength(String kind, Supplier<String> draw, int characters, int bytes) {
        String value = draw.get();

        assertThat(value).hasSize(characters).matches("[A-Za-z0-9_-]+").doesNotContain("=");
        assertThat(Base64.getUrlDecoder().decode(value)).hasSize(bytes);
    }

    @ParameterizedTest(name = "{0}s do not repeat")
    @MethodSource("kinds")
    void neverRepeatsAValueOverManyDraws(String kind, Supplier<String> draw, int characters, int bytes) {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, DRAWS).forEach(i -> seen.add(draw.get()));

        assertThat(seen).hasSize(DRAWS);
    }

    @Test
    void usesTheWholeBase64UrlAlphabet() {
        Set<Character> seen = new HashSet<>();
        IntStream.range(0, 1_000).forEach(i -> source.newClientSecret().value().chars().forEach(c -> seen.add((char) c)));

        assertThat(seen).containsExactlyInAnyOrderElementsOf(BASE64URL_ALPHABET.chars().mapToObj(c -> (char) c).toList());
    }

    @Test
    void givesDistinctValuesToThreadsThatDrawTogetherFromAFreshSource() throws Exception {
        SecureRandomIdSource fresh = new SecureRandomIdSource();
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<String>> drawer = () -> {
            if (!start.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the drawers were never released together");
            }
            return IntStream.range(0, 500).mapToObj(i -> fresh.newRegistrationAccessToken().value()).toList();
        };
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> futures = IntStream.range(0, 8).mapToObj(i -> threads.submit(drawer)).toList();
            start.countDown();
            Set<String> all = new HashSet<>();
            for (Future<List<String>> future : futures) {
                all.addAll(future.get(10, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(8 * 500);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void drawsClientIdsThatParseAsClientIds() {
        String id = source.newClientId().value();

        assertThat(ClientId.parse(id)).contains(new ClientId(id));
    }
}
