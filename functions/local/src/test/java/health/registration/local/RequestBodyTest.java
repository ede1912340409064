package health.registration.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void readsBodyOfExactlyTheLimit() throws IOException {
        assertThat(RequestBody.read(new ByteArrayInputStream(new byte[16]), 16)).hasValueSatisfying(body -> assertThat(body).hasSize(16));
    }

    @Test
    void refusesBodyOneByteOverTheLimit() throws IOException {
        assertThat(RequestBody.read(new ByteArrayInputStream(new byte[17]), 16)).isEmpty();
    }

    @Test
    void readsEmptyBodyAsNoBytes() throws IOException {
        assertThat(RequestBody.read(new ByteArrayInputStream(new byte[0]), 16)).hasValueSatisfying(body -> assertThat(body).isEmpty());
    }

    @Test
    void limitIsApiGateways10MiB() {
        assertThat(RequestBody.MAX_BYTES).isEqualTo(10 * 1024 * 1024);
    }
}
