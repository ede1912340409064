package health.registration.adapters.http;

import health.registration.core.probe.ProbeFailure;
import health.registration.core.probe.ProbeOutcome;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Turns what went wrong in a fetch into the {@link ProbeFailure} the engine reports. The messages are short
 * sentences naming only the registrant's own host: no stack trace, exception text or resolved address.
 */
final class FetchFailures {

    private FetchFailures() {}

    /**
     * @param host     the registrant's host name, the only detail quoted
     * @param failure  what the HTTP client threw
     * @param canceled whether the call was canceled, which OkHttp does when the call timeout fires
     */
    static ProbeFailure translate(String host, Throwable failure, boolean canceled) {
        List<Throwable> causes = causesOf(failure);
        Optional<RefusedAddressException> refused = first(causes, RefusedAddressException.class);
        if (refused.isPresent()) {
            // Checked first: a refusal anywhere means the guard stopped a connection, whatever else failed.
            return new ProbeFailure(ProbeOutcome.NOT_PUBLIC,
                    "the connection to " + host + " was refused by the address check: " + refused.get().getMessage());
        }
        if (canceled || first(causes, InterruptedIOException.class).isPresent()) {
            // SocketTimeoutException (connect, read) and OkHttp's call timeout are both InterruptedIOExceptions.
            return new ProbeFailure(ProbeOutcome.TIMEOUT, host + " did not answer within the time limit");
        }
        if (first(causes, SSLException.class).isPresent()) {
            return new ProbeFailure(ProbeOutcome.TLS_ERROR, tlsProblem(host, causes));
        }
        if (first(causes, ConnectException.class).isPresent()) {
            return new ProbeFailure(ProbeOutcome.CONNECT_ERROR, host + " refused the connection");
        }
        return new ProbeFailure(ProbeOutcome.CONNECT_ERROR,
                "the connection to " + host + " failed before a complete answer (reset, closed or malformed)");
    }

    // TLS (docs/security.md): expired, untrusted-issuer, wrong-host and other handshake failures are told apart.
    private static String tlsProblem(String host, List<Throwable> causes) {
        if (first(causes, SSLPeerUnverifiedException.class).isPresent()) {
            return "the TLS certificate of " + host + " is not valid for that name";
        }
        if (first(causes, CertificateExpiredException.class).isPresent() || hasReason(causes,
                CertPathValidatorException.BasicReason.EXPIRED)) {
            return "the TLS certificate of " + host + " has expired";
        }
        if (first(causes, CertificateNotYetValidException.class).isPresent() || hasReason(causes,
                CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
            return "the TLS certificate of " + host + " is not valid yet";
        }
        // CertPathBuilderException ("unable to find valid certification path") and other certificate checks.
        if (first(causes, GeneralSecurityException.class).isPresent()) {
            return "the TLS certificate of " + host + " is not issued by a trusted authority";
        }
        return "the TLS handshake with " + host + " failed";
    }

    private static boolean hasReason(List<Throwable> causes, CertPathValidatorException.Reason reason) {
        return causes.stream().filter(CertPathValidatorException.class::isInstance)
                .anyMatch(cause -> ((CertPathValidatorException) cause).getReason() == reason);
    }

    private static <T extends Throwable> Optional<T> first(List<Throwable> causes, Class<T> type) {
        return causes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The failure, its causes and suppressed exceptions (OkHttp adds each failed route's), each once. */
    private static List<Throwable> causesOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> inOrder = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty() && inOrder.size() < 64) {
            Throwable next = pending.poll();
            if (seen.add(next)) {
                inOrder.add(next);
                if (next.getCause() != null) {
                    pending.add(next.getCause());
                }
                pending.addAll(List.of(next.getSuppressed()));
            }
        }
        return inOrder;
    }
}
