package health.registration.core.policy.rules;

import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy section 9: jwks holds public keys only. A symmetric key ({@code kty: oct}, RFC 7518 §6.4) or the private
 * members of an RSA or EC key (RFC 7518 §6.2.2, §6.3.2: {@code d}, {@code p}, {@code q}, {@code dp}, {@code dq},
 * {@code qi}, {@code oth}) are secrets sent in the clear, which the registry would store and hand on; the key must be
 * replaced, not only removed.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class JwksHoldsOnlyPublicKeys implements Rule {

    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (JwksEntries.Entry entry : JwksEntries.of(metadata)) {
            String name = entry.pointer().substring(1);
            if (entry.json().path("kty").asText("").equals("oct")) {
                found.add(refuse(entry.pointer("kty"), name + " is a symmetric key, which is a secret; send only public keys,"
                        + " and replace the exposed key"));
                continue;
            }
            PRIVATE_MEMBERS.stream().filter(entry.json()::has).findFirst().ifPresent(member ->
                    found.add(refuse(entry.pointer(member), name + " holds private key material (" + member + "); send only"
                            + " public keys, and replace the exposed key")));
        }
        return found;
    }

    private static Violation refuse(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
