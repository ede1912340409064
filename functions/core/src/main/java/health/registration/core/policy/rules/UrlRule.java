package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.List;

/** A rule about each URL the metadata carries: redirect URIs, and every URL member with its language variants. */
interface UrlRule extends Rule {

    List<Violation> check(UrlMember url, PolicyContext context);

    @Override
    default List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        return metadata.urls().stream().flatMap(url -> check(url, context).stream()).toList();
    }

    /** A refusal that names the URL's field: "redirect_uris/1 must use https". */
    static List<Violation> refuse(UrlMember url, String clause) {
        return List.of(Violation.error(url.pointer(), codeFor(url), url.name() + " " + clause));
    }

    static RegistrationErrorCode codeFor(UrlMember url) {
        return RegistrationErrorCode.forMember(url.field().member());
    }
}
