package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.DomainName;
import health.registration.core.model.EmailAddress;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.UrlField;
import health.registration.core.model.UrlMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Policy section 6: at least one contact's registrable domain (Public Suffix List, private section included)
 * equals the registrable domain of the client_uri host or of a redirect URI host. Says nothing while there is
 * no valid contact or no valid URL to compare, because other rules already report those.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ContactDomainMatchesClient implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        Set<String> clientDomains = new TreeSet<>();
        metadata.urls().stream()
                .filter(u -> u.field() == UrlField.REDIRECT_URI || u.pointer().equals(FieldPointer.of(MetadataMember.CLIENT_URI.jsonName())))
                .forEach(u -> registrableDomain(u).ifPresent(clientDomains::add));
        List<EmailAddress> contacts = metadata.entries(MetadataMember.CONTACTS).stream()
                .flatMap(e -> EmailAddress.parse(e.value()).toOptional().stream())
                .toList();
        if (clientDomains.isEmpty() || contacts.isEmpty()
                || contacts.stream().anyMatch(c -> c.domain().registrableDomain().filter(clientDomains::contains).isPresent())) {
            return List.of();
        }
        return List.of(Violation.error(FieldPointer.of(MetadataMember.CONTACTS.jsonName()), RegistrationErrorCode.INVALID_CLIENT_METADATA,
                "contacts must include an email address whose registrable domain (Public Suffix List) is that of client_uri"
                        + " or of a redirect URI: " + String.join(", ", clientDomains)));
    }

    private static Optional<String> registrableDomain(UrlMember url) {
        // An IP literal host is no DNS name (DomainName refuses it), so it has no registrable domain either.
        return url.url()
                .map(WebUrl::host)
                .flatMap(host -> DomainName.parse(host).toOptional())
                // A host that is itself a public suffix (github.io) has no registrable domain, so no contact matches it.
                .map(name -> name.registrableDomain().orElse(name.value()));
    }
}
