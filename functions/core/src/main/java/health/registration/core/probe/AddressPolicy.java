package health.registration.core.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a probe may connect to: public unicast only (policy section 5), plus, for tests alone, the ranges
 * of {@code PROBE_ALLOWED_CIDRS}. The same policy checks resolved addresses and, again, the address a socket is
 * about to connect to.
 */
public final class AddressPolicy {

    private final List<Cidr> exemptions;

    private AddressPolicy(List<Cidr> exemptions) {
        this.exemptions = List.copyOf(exemptions);
    }

    /** The production policy: nothing but public unicast addresses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Public unicast addresses and the given ranges (a test seam; never configured in the deployed template). */
    public static AddressPolicy allowing(List<Cidr> exemptions) {
        return new AddressPolicy(exemptions);
    }

    public boolean permits(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why the address may not be connected to (e.g. "a loopback address (RFC 1122)"), or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        if (address == null) {
            return Optional.of("no address");
        }
        // A scope (zone) ties an address to one local interface: never public, and never exempted by a test range.
        if (address instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            return Optional.of("a scoped address (RFC 4007)");
        }
        if (exemptions.stream().anyMatch(range -> range.contains(address))) {
            return Optional.empty();
        }
        return SpecialPurposeAddresses.rangeOf(address);
    }

    /**
     * True for an address only a test range admits: a loopback fixture server that stands in for many hosts, which
     * the per-address probe budget does not count (each name it serves is still counted).
     */
    public boolean exempted(InetAddress address) {
        return exemptions.stream().anyMatch(range -> range.contains(address)) && SpecialPurposeAddresses.rangeOf(address).isPresent();
    }

    public List<Cidr> exemptions() {
        return exemptions;
    }
}
