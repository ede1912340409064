package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * RFC 7591 §2.2: a language-tagged variant ({@code client_name#fr}) carries a well-formed BCP 47 language tag
 * (RFC 5646). The variant's value is checked by the same rules as its member.
 */
public final class LanguageTagsAreWellFormed implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (String name : metadata.names()) {
            if (!name.contains("#")) {
                continue;
            }
            // The metadata holds only members MetadataMember knows (ClientMetadata.of), tagged ones only if taggable.
            MetadataMember member = MetadataMember.forName(name).orElseThrow();
            if (isWellFormed(name.substring(name.indexOf('#') + 1))) {
                continue;
            }
            found.add(Violation.error(FieldPointer.of(name), RegistrationErrorCode.forMember(member),
                    "a language-tagged " + member.jsonName() + " member has a tag that is not a well-formed"
                            + " BCP 47 language tag (RFC 5646)"));
        }
        return found;
    }

    private static boolean isWellFormed(String tag) {
        // The JDK's Locale.Builder refuses the empty tag too; the check says so without relying on it.
        if (tag.isEmpty()) {
            return false;
        }
        try {
            new Locale.Builder().setLanguageTag(tag);
            return true;
        } catch (IllformedLocaleException illFormed) {
            return false;
        }
    }
}
