package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Policy section 2: client_name (and each language variant) has 1 to 200 characters after trimming, and no
 * control, format (bidirectional overrides, zero-width) or line-separator characters that could disguise it.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class ClientNameIsDisplayable implements Rule {

    public static final int MAX_LENGTH = 200;
    // Every Unicode space (no-break and ideographic spaces too), not only ASCII white space.
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\p{Z}\\s]+|[\\p{Z}\\s]+$");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (String name : metadata.variantNames(MetadataMember.CLIENT_NAME)) {
            String value = metadata.text(name).orElse("");
            String pointer = FieldPointer.of(name);
            if (value.isEmpty()) {
                continue;
            }
            String trimmed = SURROUNDING_SPACE.matcher(value).replaceAll("");
            int length = trimmed.codePointCount(0, trimmed.length());
            if (length < 1 || length > MAX_LENGTH) {
                found.add(Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        pointer.substring(1) + " must have 1 to " + MAX_LENGTH + " characters besides leading and trailing spaces"));
            }
            if (value.codePoints().anyMatch(ClientNameIsDisplayable::isHidden)) {
                found.add(Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA,
                        pointer.substring(1) + " must not contain control, formatting or line-separator characters"));
            }
        }
        return found;
    }

    private static boolean isHidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
