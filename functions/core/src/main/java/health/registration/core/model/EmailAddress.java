package health.registration.core.model;

import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * A contact address (policy section 6): an RFC 5322 addr-spec with no display name, comment, quoted local
 * part or domain literal, written bare ({@code dev@example.com}) or as a {@code mailto:} URI with a single
 * address and no header fields (RFC 6068). The domain may arrive in Unicode and is kept in A-label form.
 */
public record EmailAddress(String localPart, DomainName domain) {

    private static final String MAILTO = "mailto:";
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_ADDRESS = 254;
    // allowLocal=false refuses dev@localhost; allowTld=false refuses dev@com.
    private static final EmailValidator SYNTAX = EmailValidator.getInstance(false, false);

    /** Reads a contact entry, or says in a clause why it is not a valid address. */
    public static Parsed<EmailAddress> parse(String contact) {
        Parsed<String> bare = withoutMailto(contact);
        if (!bare.isOk()) {
            return Parsed.failure(bare.problem());
        }
        String address = bare.value();
        if (address.contains("<") || address.contains("(")) {
            return Parsed.failure("must be a bare address, without a display name or comment");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Parsed.failure("is not an email address of the form name@domain");
        }
        String localPart = address.substring(0, at);
        if (localPart.contains("\"") || localPart.contains("@")) {
            return Parsed.failure("must not use a quoted local part");
        }
        if (!localPart.chars().allMatch(c -> c > 0x20 && c < 0x7f) || localPart.length() > MAX_LOCAL_PART) {
            return Parsed.failure("must have a local part of at most " + MAX_LOCAL_PART
                    + " printable ASCII characters, without spaces");
        }
        String domainText = address.substring(at + 1);
        if (domainText.startsWith("[")) {
            return Parsed.failure("must name a domain, not an address literal");
        }
        Parsed<DomainName> domain = DomainName.parseUnicode(domainText);
        if (!domain.isOk()) {
            return Parsed.failure("has a domain that " + domain.problem());
        }
        String ascii = localPart + "@" + domain.value().value();
        if (ascii.length() > MAX_ADDRESS || !SYNTAX.isValid(ascii)) {
            return Parsed.failure("is not a valid email address");
        }
        return Parsed.ok(new EmailAddress(localPart, domain.value()));
    }

    /** The address of a {@code mailto:} URI, which must hold one address and nothing else, or the entry itself. */
    private static Parsed<String> withoutMailto(String contact) {
        if (!contact.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
            return Parsed.ok(contact);
        }
        String address = contact.substring(MAILTO.length());
        if (address.contains("?") || address.contains("%") || address.contains(",")) {
            return Parsed.failure("must be a mailto: URI with one address and no header fields or percent-encoding");
        }
        return Parsed.ok(address);
    }

    /** The address with its domain in lower-case A-labels. */
    public String address() {
        return localPart + "@" + domain.value().toLowerCase(Locale.ROOT);
    }
}
