package health.registration.core.policy.rules;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Policy section 9: every key of jwks is RSA of at least 2,048 bits or EC on P-256 or P-384 (the strengths the UDAP
 * IG and this service's certificates accept), and a key that states its use states {@code sig}: the keys sign
 * the client's assertions and request objects.
 * <p>Policy sections: docs/spec/registration-policy.md.
 */
public final class JwksKeysAreStrongSigningKeys implements Rule {

    private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384);

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        List<Violation> found = new ArrayList<>();
        for (JwksEntries.Entry entry : JwksEntries.of(metadata)) {
            // Other key types (symmetric, OKP, unknown) are refused by the shape and public-key rules.
            JWK key = entry.key().filter(k -> k instanceof RSAKey || k instanceof ECKey).orElse(null);
            if (key == null) {
                continue;
            }
            String name = entry.pointer().substring(1);
            boolean strong = key instanceof RSAKey rsa ? rsa.size() >= 2048 : key instanceof ECKey ec && CURVES.contains(ec.getCurve());
            if (!strong) {
                found.add(refuse(entry.pointer(), name + " must be RSA of at least 2048 bits or EC on P-256 or P-384"));
            }
            if (key.getKeyUse() != null && !key.getKeyUse().equals(KeyUse.SIGNATURE)) {
                found.add(refuse(entry.pointer("use"), name + " must be a signing key: its use, when given, must be sig"));
            }
        }
        return found;
    }

    private static Violation refuse(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
