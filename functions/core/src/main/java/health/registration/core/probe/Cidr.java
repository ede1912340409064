package health.registration.core.probe;

import com.google.common.net.InetAddresses;
import health.registration.core.model.Parsed;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An address range in CIDR notation ({@code 127.0.0.2/32}, {@code 2001:db8::/32}; RFC 4632 §3.1, RFC 4291 §2.3):
 * a network address whose bits beyond {@code prefixLength} are all zero. A range holds addresses of its own family
 * only: an IPv4 range never contains an IPv6 address, whatever IPv4 address the IPv6 one embeds.
 *
 * <p>Parsing is strict because the text comes from configuration ({@code PROBE_ALLOWED_CIDRS}) and widens what the
 * prober may reach: IPv4 must be dotted-quad without leading zeros ({@code 127.1}, {@code 010.0.0.1} and
 * {@code 2130706433} are refused, since resolvers disagree on them), names are never resolved, zones are refused and
 * host bits beyond the prefix are an error rather than silently cleared.
 */
public record Cidr(InetAddress network, int prefixLength) {

    // Digits only: no sign, no spaces and no leading zeros, so "/08" or "/+8" cannot pass for "/8".
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    /** Checks the invariants: a prefix within the family's width and no host bits set beyond it. */
    public Cidr {
        Objects.requireNonNull(network, "network");
        int width = widthOf(network);
        if (prefixLength < 0 || prefixLength > width) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + width);
        }
        if (!hostBitsClear(network.getAddress(), prefixLength)) {
            throw new IllegalArgumentException("host bits set beyond the /" + prefixLength + " prefix");
        }
    }

    /** One range: {@code address/prefix}, or a bare address meaning {@code /32} or {@code /128}. */
    public static Parsed<Cidr> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Parsed.failure("is empty");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Parsed<InetAddress> address = addressOf(addressText);
        if (!address.isOk()) {
            return Parsed.failure(address.problem());
        }
        int width = widthOf(address.value());
        if (slash < 0) {
            return Parsed.ok(new Cidr(address.value(), width));
        }
        String prefixText = text.substring(slash + 1);
        if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > width) {
            return Parsed.failure("has a prefix length that is not a whole number from 0 to " + width);
        }
        int prefix = Integer.parseInt(prefixText);
        if (!hostBitsClear(address.value().getAddress(), prefix)) {
            return Parsed.failure("has host bits set beyond the /" + prefix + " prefix; the network is "
                    + new Cidr(networkOf(address.value(), prefix), prefix));
        }
        return Parsed.ok(new Cidr(address.value(), prefix));
    }

    /**
     * A comma-separated list, as {@code PROBE_ALLOWED_CIDRS} holds; null or blank gives an empty list. Entries are
     * trimmed; one bad entry fails the whole list, and the problem names the entry by its position only, so that
     * configuration text is not copied into messages and logs.
     */
    public static Parsed<List<Cidr>> parseList(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.ok(List.of());
        }
        String[] entries = text.split(",", -1);
        List<Cidr> ranges = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            Parsed<Cidr> range = parse(entries[i].trim());
            if (!range.isOk()) {
                return Parsed.failure("entry " + (i + 1) + " " + range.problem());
            }
            ranges.add(range.value());
        }
        return Parsed.ok(List.copyOf(ranges));
    }

    /** Whether the address lies in this range; false for null and for an address of the other family. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] candidate = address.getAddress();
        byte[] own = network.getAddress();
        if (candidate.length != own.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit += 8) {
            int mask = maskOfByte(prefixLength - bit);
            if (((candidate[bit / 8] ^ own[bit / 8]) & mask) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The range as written in configuration, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return InetAddresses.toAddrString(network) + "/" + prefixLength;
    }

    private static Parsed<InetAddress> addressOf(String text) {
        // RFC 6874 zones name an interface of this host: never a range to exempt, and Guava would look them up.
        if (text.isEmpty() || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
            return Parsed.failure("is not an IPv4 address in dotted-quad form or an IPv6 address");
        }
        InetAddress address = InetAddresses.forString(text);
        // Guava, like the JDK, turns ::ffff:a.b.c.d into an IPv4 address; a /104 written that way would misread.
        if (address instanceof Inet4Address && text.indexOf(':') >= 0) {
            return Parsed.failure("is an IPv4-mapped IPv6 address; write the range in IPv4 form");
        }
        return Parsed.ok(address);
    }

    private static int widthOf(InetAddress address) {
        return address.getAddress().length * 8;
    }

    /** The mask for the prefix bits within one byte, given how many prefix bits remain from its first bit. */
    private static int maskOfByte(int remainingPrefixBits) {
        return remainingPrefixBits >= 8 ? 0xff : (0xff << (8 - remainingPrefixBits)) & 0xff;
    }

    private static boolean hostBitsClear(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int hostMask = ~maskOfByte(Math.max(0, prefix - i * 8)) & 0xff;
            if ((bytes[i] & hostMask) != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress networkOf(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (bytes[i] & maskOfByte(Math.max(0, prefix - i * 8)));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 or 16 bytes are always an address", impossible);
        }
    }
}
