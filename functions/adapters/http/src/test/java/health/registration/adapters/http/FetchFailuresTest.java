package health.registration.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FetchFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // the guard's refusal wins wherever OkHttp put it
                Arguments.of(new RefusedAddressException("a loopback address (RFC 1122)"), false,
                        ProbeOutcome.NOT_PUBLIC, "was refused by the address check: a loopback address (RFC 1122)"),
                Arguments.of(wrapped(new ConnectException("Failed to connect to /10.0.0.1:443"),
                        new RefusedAddressException("a private-use address (RFC 1918)")), false,
                        ProbeOutcome.NOT_PUBLIC, "a private-use address (RFC 1918)"),
                Arguments.of(suppressing(new ConnectException("Failed to connect to /11.22.33.44:443"),
                        new RefusedAddressException("a loopback address (RFC 1122)")), false,
                        ProbeOutcome.NOT_PUBLIC, "a loopback address (RFC 1122)"),
                // timeouts: connect, read, and the call timeout (OkHttp cancels the call)
                Arguments.of(new SocketTimeoutException("Connect timed out"), false, ProbeOutcome.TIMEOUT,
                        "did not answer within the time limit"),
                Arguments.of(new InterruptedIOException("timeout"), false, ProbeOutcome.TIMEOUT, "time limit"),
                Arguments.of(new IOException("Canceled"), true, ProbeOutcome.TIMEOUT, "time limit"),
                // TLS, told apart (docs/security.md, "TLS")
                Arguments.of(new SSLPeerUnverifiedException("Hostname ok.example.com not verified"), false,
                        ProbeOutcome.TLS_ERROR, "is not valid for that name"),
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path validation failed"),
                        new CertificateExpiredException("NotAfter: …")), false,
                        ProbeOutcome.TLS_ERROR, "has expired"),
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path building failed"),
                        new CertPathBuilderException("unable to find valid certification path")), false,
                        ProbeOutcome.TLS_ERROR, "not issued by a trusted authority"),
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path validation failed"),
                        new java.security.cert.CertificateNotYetValidException("NotBefore: …")), false,
                        ProbeOutcome.TLS_ERROR, "is not valid yet"),
                // the validator's reason alone, with no certificate exception in the chain
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path validation failed"),
                        new java.security.cert.CertPathValidatorException("validity check failed", null, null, -1,
                                java.security.cert.CertPathValidatorException.BasicReason.EXPIRED)), false,
                        ProbeOutcome.TLS_ERROR, "has expired"),
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path validation failed"),
                        new java.security.cert.CertPathValidatorException("validity check failed", null, null, -1,
                                java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID)), false,
                        ProbeOutcome.TLS_ERROR, "is not valid yet"),
                Arguments.of(wrapped(new SSLHandshakeException("PKIX path validation failed"),
                        new java.security.cert.CertPathValidatorException("revoked", null, null, -1,
                                java.security.cert.CertPathValidatorException.BasicReason.REVOKED)), false,
                        ProbeOutcome.TLS_ERROR, "not issued by a trusted authority"),
                Arguments.of(new SSLHandshakeException("Remote host terminated the handshake"), false,
                        ProbeOutcome.TLS_ERROR, "the TLS handshake with ok.example.com failed"),
                // everything else
                Arguments.of(new ConnectException("Connection refused"), false, ProbeOutcome.CONNECT_ERROR,
                        "ok.example.com refused the connection"),
                Arguments.of(new SocketException("Connection reset"), false, ProbeOutcome.CONNECT_ERROR,
                        "failed before a complete answer"),
                Arguments.of(new ProtocolException("Unexpected status line: HTTP/9"), false,
                        ProbeOutcome.CONNECT_ERROR, "failed before a complete answer"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void translatesWhatTheClientThrew(Throwable thrown, boolean canceled, ProbeOutcome outcome, String message) {
        ProbeFailure failure = FetchFailures.translate("ok.example.com", thrown, canceled);

        assertThat(failure.outcome()).isEqualTo(outcome);
        assertThat(failure.getMessage()).contains(message);
    }

    @Test
    void neverQuotesTheClientsExceptionText() {
        ProbeFailure failure = FetchFailures.translate("ok.example.com",
                new ConnectException("Failed to connect to /10.0.0.1:443"), false);

        assertThat(failure.getMessage()).doesNotContain("10.0.0.1").doesNotContain("Failed");
        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void survivesACycleOfCauses() {
        IOException first = new IOException("first");
        IOException second = new IOException("second", first);
        first.initCause(second);

        assertThat(FetchFailures.translate("ok.example.com", first, false).outcome())
                .isEqualTo(ProbeOutcome.CONNECT_ERROR);
    }

    @ParameterizedTest(name = "a TLS failure as cause number {0}: read {1}")
    @org.junit.jupiter.params.provider.CsvSource({"64, true", "65, false"})
    void readsAtMost64CausesOfAFailure(int depth, boolean read) {
        Throwable chain = new SSLPeerUnverifiedException("Hostname ok.example.com not verified");
        for (int i = 1; i < depth; i++) {
            chain = new IOException("wrapper " + i, chain);
        }

        assertThat(FetchFailures.translate("ok.example.com", chain, false).outcome())
                .isEqualTo(read ? ProbeOutcome.TLS_ERROR : ProbeOutcome.CONNECT_ERROR);
    }

    private static Throwable wrapped(Throwable outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }

    private static Throwable suppressing(Throwable outer, Throwable suppressed) {
        outer.addSuppressed(suppressed);
        return outer;
    }
}
