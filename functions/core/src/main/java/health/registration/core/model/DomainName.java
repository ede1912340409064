package health.registration.core.model;

import com.ibm.icu.text.IDNA;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A public DNS name in A-label form: letters, digits and hyphens, valid IDNA labels, under an ICANN public
 * suffix ({@link PublicSuffixList}), not a special-use name. Case and one trailing dot are
 * ignored (policy section 6), so {@code Example.COM.} and {@code example.com} are the same name.
 */
public final class DomainName {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final int OPTIONS = IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES;
    private static final IDNA UTS46 = IDNA.getUTS46Instance(OPTIONS);
    /**
     * Special-use top-level names that are never public web hosts, whatever the Public Suffix List says: RFC 6761
     * (test, localhost, invalid, example), RFC 6762 (local), RFC 7686 (onion), RFC 9476 (alt), RFC 8375 and the
     * reverse-mapping zones (arpa), and ICANN's private-use internal.
     */
    private static final Set<String> SPECIAL_USE_TOP_LEVEL =
            Set.of("test", "localhost", "invalid", "example", "local", "onion", "alt", "arpa", "internal");

    private final String name;
    private final List<String> labels;

    private DomainName(String name, List<String> labels) {
        this.name = name;
        this.labels = labels;
    }

    /** Reads a name that must already be ASCII (A-labels for internationalised labels). */
    public static Parsed<DomainName> parse(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > 253) {
            return Parsed.failure("is not a DNS name of 1 to 253 characters");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Parsed.failure("is not a DNS name: each label must be 1 to 63 letters, digits or"
                        + " hyphens, and not start or end with a hyphen");
            }
            if (label.startsWith("--", 2) && !label.startsWith("xn--")) {
                return Parsed.failure("has a label with hyphens in the third and fourth places that is not an A-label");
            }
        }
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return Parsed.failure("ends in a number, so browsers read it as an IPv4 address");
        }
        if (name.contains("xn--") && !isCanonicalALabelName(name)) {
            return Parsed.failure("has an xn-- label that is not a valid A-label");
        }
        return underPublicSuffix(name);
    }

    /** Reads a name that may contain Unicode labels and converts it to A-labels (UTS #46, non-transitional). */
    public static Parsed<DomainName> parseUnicode(String text) {
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = new StringBuilder();
        UTS46.nameToASCII(text, ascii, info);
        if (info.hasErrors()) {
            return Parsed.failure("is not a valid internationalised domain name");
        }
        return parse(ascii.toString());
    }

    private static boolean isCanonicalALabelName(String name) {
        IDNA.Info info = new IDNA.Info();
        StringBuilder unicode = new StringBuilder();
        UTS46.nameToUnicode(name, unicode, info);
        if (info.hasErrors()) {
            return false;
        }
        StringBuilder back = new StringBuilder();
        IDNA.Info backInfo = new IDNA.Info();
        UTS46.nameToASCII(unicode.toString(), back, backInfo);
        return !backInfo.hasErrors() && back.toString().equals(name);
    }

    private static Parsed<DomainName> underPublicSuffix(String name) {
        List<String> labels = List.of(name.split("\\."));
        String topLevel = labels.getLast();
        // The top-level label is alphabetic (RFC 1123 §2.1): one that starts with a digit is no DNS name here.
        if (Character.isDigit(topLevel.charAt(0))) {
            return Parsed.failure("is not a valid DNS name");
        }
        if (PublicSuffixList.SHARED.suffixIndex(labels, PublicSuffixList.Section.ICANN) <= 0
                || SPECIAL_USE_TOP_LEVEL.contains(topLevel)) {
            return Parsed.failure("is not under a public top-level domain (Public Suffix List, ICANN section)");
        }
        return Parsed.ok(new DomainName(name, labels));
    }

    /** The name in lower case, A-labels, without a trailing dot. */
    public String value() {
        return name;
    }

    /**
     * The registrable domain: the public suffix plus one label, from the whole Public Suffix List, private
     * section included, so that tenants of {@code github.io} are told apart. Empty when the name is itself a
     * public suffix.
     */
    public Optional<String> registrableDomain() {
        int suffix = PublicSuffixList.SHARED.suffixIndex(labels, null);
        return suffix > 0 ? Optional.of(String.join(".", labels.subList(suffix - 1, labels.size()))) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DomainName that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
