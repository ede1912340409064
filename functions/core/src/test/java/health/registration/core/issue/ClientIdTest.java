package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"gT4b7Kq2LmN9pR3sVw6XyZ", "client-000000000000001", "A_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXY"})
    void parsesIdsOfTheShapeThisServiceIssues(String text) {
        assertThat(ClientId.parse(text)).contains(new ClientId(text));
        assertThat(new ClientId(text)).as("a client id is public: logs show it as it is").hasToString(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"short", "gT4b7Kq2LmN9pR3sVw6Xy", "gT4b7Kq2LmN9pR3sVw6XyZ=", "../gT4b7Kq2LmN9pR3sVw6XyZ",
        "gT4b7Kq2LmN9pR3sVw6XyZ%20", "gT4b7Kq2LmN9pR3sVw6Xy+", "A_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"})
    void parsesNothingThatCannotBeOneOfOurIds(String text) {
        assertThat(ClientId.parse(text)).isEmpty();
        if (text != null) {
            assertThatThrownBy(() -> new ClientId(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
