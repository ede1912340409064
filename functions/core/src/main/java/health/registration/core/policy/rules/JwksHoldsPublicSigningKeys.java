package health.registration.core.policy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.DomainName;
import health.registration.core.model.FieldPointer;
import health.registration.core.model.MetadataMember;
import health.registration.core.model.WebUrl;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Rule;
import health.registration.core.policy.Violation;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * RFC 7591 §2 (jwks, jwks_uri) for private_key_jwt clients: jwks is a JWK Set of 1 to 10 public signing keys, RSA of
 * at least 2,048 bits or EC on P-256 or P-384 — never a private key, which would be a secret sent in the clear;
 * jwks_uri is an https URL on a public DNS name with the default port (the token endpoint fetches it later; it is
 * not probed at registration).
 */
public final class JwksHoldsPublicSigningKeys implements Rule {

    private static final int MAX_KEYS = 10;
    private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384);
    private static final String JWKS = FieldPointer.of(MetadataMember.JWKS.jsonName());
    private static final String JWKS_URI = FieldPointer.of(MetadataMember.JWKS_URI.jsonName());

    @Override
    public List<Violation> check(ClientMetadata metadata, PolicyContext context) {
        Optional<Violation> jwks = metadata.get(MetadataMember.JWKS.jsonName()).filter(v -> v.isObject())
                .flatMap(JwksHoldsPublicSigningKeys::keySetProblem).map(p -> problem(JWKS, "jwks " + p));
        Optional<Violation> jwksUri = metadata.text(MetadataMember.JWKS_URI).flatMap(JwksHoldsPublicSigningKeys::uriProblem)
                .map(p -> problem(JWKS_URI, "jwks_uri " + p));
        return Stream.of(jwks, jwksUri).flatMap(Optional::stream).toList();
    }

    private static Optional<String> keySetProblem(JsonNode json) {
        JWKSet set;
        try {
            set = JWKSet.parse(json.toString());
        } catch (ParseException e) {
            return Optional.of("is not a JWK Set (RFC 7517 section 5)");
        }
        // The parser skips keys whose kty it does not know (RFC 7517 section 5); they must not pass unchecked.
        if (set.getKeys().size() != json.path("keys").size()) {
            return Optional.of("holds a key of a type other than RSA or EC");
        }
        if (set.getKeys().isEmpty() || set.getKeys().size() > MAX_KEYS) {
            return Optional.of("must hold 1 to " + MAX_KEYS + " keys");
        }
        for (JWK key : set.getKeys()) {
            if (key.isPrivate()) {
                return Optional.of("holds a private key; send only public keys, and replace the exposed key");
            }
            if (key.getKeyUse() != null && !key.getKeyUse().equals(KeyUse.SIGNATURE)) {
                return Optional.of("holds a key whose use is not sig");
            }
            boolean strong = key instanceof RSAKey rsa ? rsa.size() >= 2048
                    : key instanceof ECKey ec && CURVES.contains(ec.getCurve());
            if (!strong) {
                return Optional.of("keys must be RSA of at least 2048 bits or EC on P-256 or P-384");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> uriProblem(String text) {
        Optional<WebUrl> url = WebUrl.parse(text).toOptional();
        if (url.isEmpty() || !url.get().normalizedScheme().equals("https") || url.get().userInfo() != null
                || url.get().fragment() != null || url.get().port() != null) {
            return Optional.of("must be an https URL without user information, fragment or port");
        }
        return DomainName.parse(url.get().host()).isOk() ? Optional.empty()
                : Optional.of("must name its host by a public DNS name");
    }

    private static Violation problem(String pointer, String description) {
        return Violation.error(pointer, RegistrationErrorCode.INVALID_CLIENT_METADATA, description);
    }
}
