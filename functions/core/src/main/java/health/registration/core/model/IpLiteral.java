package health.registration.core.model;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads URL hosts that name an address instead of a DNS name, the way browsers do (WHATWG URL Standard,
 * "IPv4 parser" and "ends in a number"): {@code 127.1}, {@code 2130706433}, {@code 0x7f.1} and
 * {@code 0177.0.0.1} are all loopback there, whatever {@code InetAddress} makes of them. Never resolves names.
 */
public final class IpLiteral {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final BigInteger LIMIT = BigInteger.valueOf(256);

    private IpLiteral() {}

    /** True when a browser would read the host as an address: bracketed IPv6, or a last label that is a number. */
    public static boolean isLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        return NUMBER.matcher(last).matches();
    }

    /** The address a literal host names, or why it names none. Call only when {@link #isLiteral} holds. */
    public static Parsed<InetAddress> parse(String host) {
        if (host.startsWith("[")) {
            String inner = host.substring(1, host.length() - 1);
            // RFC 6874 zone identifiers are refused outright: an address with a scope is never a public host.
            if (inner.contains("%") || !InetAddresses.isInetAddress(inner) || !inner.contains(":")) {
                return Parsed.failure("has an invalid IPv6 address");
            }
            return Parsed.ok(InetAddresses.forString(inner));
        }
        return parseIpv4(host);
    }

    private static Parsed<InetAddress> parseIpv4(String host) {
        // One trailing dot ends a fully qualified name (1.2.3.4.), as browsers read it.
        String numeric = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        List<String> parts = List.of(numeric.split("\\.", -1));
        if (parts.size() > 4) {
            return Parsed.failure("has a numeric host that is not a valid IPv4 address");
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            if (!NUMBER.matcher(part).matches()) {
                return Parsed.failure("has a numeric host that is not a valid IPv4 address");
            }
            try {
                numbers.add(number(part));
            } catch (NumberFormatException octalWithEightOrNine) {
                return Parsed.failure("has a numeric host that is not a valid IPv4 address");
            }
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(LIMIT) >= 0) {
                return Parsed.failure("has a numeric host that is not a valid IPv4 address");
            }
            value = value.add(numbers.get(i).multiply(LIMIT.pow(3 - i)));
        }
        BigInteger last = numbers.get(numbers.size() - 1);
        if (last.compareTo(LIMIT.pow(5 - numbers.size())) >= 0) {
            return Parsed.failure("has a numeric host that is not a valid IPv4 address");
        }
        return Parsed.ok(toAddress(value.add(last)));
    }

    private static BigInteger number(String part) {
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
        }
        if (part.length() > 1 && part.startsWith("0")) {
            return new BigInteger(part.substring(1), 8);
        }
        return new BigInteger(part);
    }

    private static InetAddress toAddress(BigInteger value) {
        byte[] bytes = new byte[4];
        for (int i = 3; i >= 0; i--) {
            bytes[i] = value.byteValue();
            value = value.shiftRight(8);
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always an IPv4 address", impossible);
        }
    }
}
