package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Policy sections 2 and 8: every member this service reads has its JSON type, with no coercion: a string is never
 * read as a one-element array, a number never as a string, {@code 1.0} never as an integer, and null is not a value.
 * Members only the server sets are checked where a request may carry them (RFC 7592 §2.2), not here.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class MembersHaveExpectedTypes implements Rule {

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (String name : metadata.names()) {
            MetadataMember member = MetadataMember.forName(name).orElse(null);
            if (member == null || member.kind() == MetadataMember.JsonKind.ANY) {
                continue;
            }
            JsonNode value = metadata.get(name).orElseThrow();
            RegistrationErrorCode code = RegistrationErrorCode.forMember(member);
            String pointer = FieldPointer.of(name);
            boolean fits = switch (member.kind()) {
                case STRING -> value.isTextual();
                case STRING_ARRAY -> value.isArray();
                case OBJECT -> value.isObject();
                case INTEGER -> value.isIntegralNumber();
                case BOOLEAN -> value.isBoolean();
                case ANY -> true;
            };
            if (!fits) {
                found.add(Violation.malformed(pointer, code, pointer.substring(1) + " must be "
                        + member.kind().description() + ", not " + typeOf(value)));
            } else if (member.kind() == MetadataMember.JsonKind.STRING_ARRAY) {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        String entry = FieldPointer.of(name, i);
                        found.add(Violation.malformed(entry, code, entry.substring(1) + " must be a string, not " + typeOf(value.get(i))));
                    }
                }
            }
        }
        return found;
    }

    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
