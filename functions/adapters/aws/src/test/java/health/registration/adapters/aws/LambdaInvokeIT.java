package health.registration.adapters.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.registration.testkit.AwsEmulator;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@link LambdaInvoke#shared()} against moto's Lambda: the endpoint from {@code AWS_ENDPOINT_URL}, the region and
 * credentials of the container, and a request moto's Lambda routes as an Invoke (moto runs functions only in Docker,
 * so the function invoked does not exist; {@link LambdaInvokeTest} checks the request against the SDK's own).
 */
class LambdaInvokeIT {

    @BeforeAll
    static void requireEmulator() {
        AwsEmulator.client(LambdaClients::shared);
    }

    @Test
    void anInvokeOfAFunctionThatDoesNotExistIsRoutedAndRefusedAsLambdaRefusesIt() {
        String function = "no-such-function-" + UUID.randomUUID();

        assertThatThrownBy(() -> LambdaInvoke.shared().invoke(function, "{}".getBytes(UTF_8)))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("ResourceNotFoundException")
                .message().doesNotContain(function);
    }
}
