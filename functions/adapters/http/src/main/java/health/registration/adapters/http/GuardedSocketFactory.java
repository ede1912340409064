package health.registration.adapters.http;

import health.registration.core.probe.AddressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;

/**
 * The connect-time guard, stage 4 of the probe pipeline (docs/security.md, "The fetch pipeline", "DNS rebinding and
 * pinned addresses"): every socket it makes checks the endpoint it is about to connect to against the address policy,
 * and refuses instead of connecting. This is the enforcement point: OkHttp does not call its {@code Dns} for IP-literal
 * hosts ({@code 127.1}, {@code [::1]}), and any other path that skips the resolver (HTTP/2 coalescing, fast fallback)
 * still ends in {@link Socket#connect}. A factory {@link #pinnedTo pinned} to one fetch's checked addresses also
 * refuses every other address, so even a public literal the engine never checked is not dialled.
 */
final class GuardedSocketFactory extends SocketFactory {

    private final AddressPolicy policy;
    private final Dialer dialer;
    private final Optional<Set<InetAddress>> pinned;

    GuardedSocketFactory(AddressPolicy policy, Dialer dialer) {
        this(policy, dialer, Optional.empty());
    }

    private GuardedSocketFactory(AddressPolicy policy, Dialer dialer, Optional<Set<InetAddress>> pinned) {
        this.policy = Objects.requireNonNull(policy);
        this.dialer = Objects.requireNonNull(dialer);
        this.pinned = pinned;
    }

    /** The same guard, refusing in addition every address but the given ones (one fetch's checked addresses). */
    GuardedSocketFactory pinnedTo(Collection<InetAddress> checked) {
        return new GuardedSocketFactory(policy, dialer, Optional.of(Set.copyOf(checked)));
    }

    /** The one way OkHttp makes plain sockets: unconnected, then {@code connect(endpoint, timeout)}. */
    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    // The overloads below connect inside the constructor, before any check could run, so they are refused.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw refusedOverload();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw refusedOverload();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw refusedOverload();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw refusedOverload();
    }

    private static RefusedAddressException refusedOverload() {
        return new RefusedAddressException("only sockets connected through the address check may be made");
    }

    /** The endpoint to dial, or the refusal: the endpoint must be a resolved address the policy permits. */
    InetSocketAddress checked(SocketAddress endpoint) throws RefusedAddressException {
        if (!(endpoint instanceof InetSocketAddress inet)) {
            throw new RefusedAddressException("the endpoint is not an IP socket address");
        }
        if (inet.isUnresolved() || inet.getAddress() == null) {
            // An unresolved endpoint would be resolved again inside connect: a second, unchecked lookup
            // (docs/security.md, "DNS rebinding and pinned addresses").
            throw new RefusedAddressException("the endpoint was not resolved to a checked address");
        }
        Optional<String> refusal;
        try {
            refusal = policy.refusal(inet.getAddress());
        } catch (RuntimeException checkFailed) {
            // Egress fails closed: an address that cannot be checked is not connected to (conventions, Errors).
            throw new RefusedAddressException("the address could not be checked");
        }
        if (refusal.isPresent()) {
            throw new RefusedAddressException(refusal.get());
        }
        if (pinned.isPresent() && !pinned.get().contains(inet.getAddress())) {
            // The checked address must be the connected address (docs/security.md, "DNS rebinding and pinned
            // addresses").
            throw new RefusedAddressException("the address is not one that was checked for this host");
        }
        return inet;
    }

    private final class GuardedSocket extends Socket {

        GuardedSocket() {
            // Proxy.NO_PROXY gives a plain socket: the default one would honour socksProxyHost and connect to a proxy
            // that resolves the target itself (docs/security.md, "DNS rebinding and pinned addresses").
            super(Proxy.NO_PROXY);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress approved = checked(endpoint);
            InetSocketAddress routed = Objects.requireNonNull(dialer.route(approved), "dialer gave no endpoint");
            super.connect(routed, timeout);
        }
    }
}
