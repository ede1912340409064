package health.registration.core.authority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.ClientInformation;
import health.registration.core.issue.ClientRecord;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.MetadataMember;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * What the authority API shows an authorization server of a client (docs/api/authority.md): what its token endpoint
 * needs to authenticate the client and issue it tokens, with defaults applied (RFC 7591 §2), and, for a UDAP client,
 * the certificate it is bound to (UDAP DCR §5.1). Never the secret, the token or their hashes.
 */
public final class AuthorityView {

    public static final String CLIENT_ID = ClientInformation.CLIENT_ID;
    public static final String CLIENT_STATUS = ClientInformation.CLIENT_STATUS;
    public static final String REGISTRATION_PATH = "registration_path";
    public static final String CLIENT_ID_ISSUED_AT = ClientInformation.CLIENT_ID_ISSUED_AT;
    public static final String CLIENT_SECRET_EXPIRES_AT = ClientInformation.CLIENT_SECRET_EXPIRES_AT;
    public static final String CERTIFICATE_BINDING = "certificate_binding";
    public static final String SAN_URI = "san_uri";
    public static final String COMMUNITY = "community";
    public static final String THUMBPRINT = "x5t#S256";
    public static final String CHAIN = "x5c";
    public static final String NOT_AFTER = "not_after";
    /**
     * The client's version, the one its change events carry (docs/operations/authorization-server.md): it grows with
     * every change, so an authorization server can tell whether what it holds is older.
     */
    public static final String VERSION = "version";

    /** The metadata members a token endpoint needs, copied as registered (defaults applied). */
    static final List<MetadataMember> COPIED = List.of(MetadataMember.TOKEN_ENDPOINT_AUTH_METHOD,
            MetadataMember.REDIRECT_URIS, MetadataMember.GRANT_TYPES, MetadataMember.RESPONSE_TYPES,
            MetadataMember.SCOPE, MetadataMember.JWKS, MetadataMember.JWKS_URI,
            MetadataMember.TOKEN_ENDPOINT_AUTH_SIGNING_ALG, MetadataMember.CLIENT_NAME);

    private AuthorityView() {}

    public static ObjectNode of(ClientRecord client) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(CLIENT_ID, client.clientId().value());
        json.put(CLIENT_STATUS, client.status().code());
        json.put(REGISTRATION_PATH, client.path().code());
        json.put(CLIENT_ID_ISSUED_AT, client.credentials().issuedAt().getEpochSecond());
        json.put(VERSION, client.version());
        ClientMetadata metadata = client.metadata().withDefaults();
        for (MetadataMember member : COPIED) {
            metadata.get(member.jsonName()).ifPresent(value -> json.set(member.jsonName(), value.deepCopy()));
        }
        CertificateBinding binding = client.credentials().certificate();
        if (client.credentials().secretArn() != null) {
            // RFC 7591 §3.2.1: only a client issued a secret has its expiry; 0 means it does not expire.
            json.put(CLIENT_SECRET_EXPIRES_AT, client.credentials().secretExpiresAt());
        }
        if (binding != null) {
            json.set(CERTIFICATE_BINDING, binding(binding));
        }
        return json;
    }

    /**
     * The certificate binding: the SAN URI (the software statement's {@code iss}), the trust community, the leaf's
     * SHA-256 thumbprint and the leaf itself as {@code x5c} (RFC 7517 §4.7; the registration keeps the leaf only, not
     * the intermediates) with its expiry.
     */
    private static JsonNode binding(CertificateBinding binding) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(SAN_URI, binding.issuer());
        json.put(COMMUNITY, binding.community());
        json.put(THUMBPRINT, binding.thumbprint());
        json.putArray(CHAIN).add(binding.certificate());
        json.put(NOT_AFTER, leaf(binding).getNotAfter().toInstant().getEpochSecond());
        return json;
    }

    private static X509Certificate leaf(CertificateBinding binding) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(binding.certificate())));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored certificate binding does not hold an X.509 certificate", e);
        }
    }
}
