package health.registration.core.udap;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's signing credentials: a default key and chain, and optionally one per trust community, since a server
 * that recognises the {@code community} parameter "SHALL select a certificate intended for use within the identified
 * trust community" (IG STU2 §2.4). Read from one PEM text, the way {@link TrustAnchors} reads anchors:
 *
 * <pre>
 * -----BEGIN PRIVATE KEY-----      (the default key and chain, first)
 * -----BEGIN CERTIFICATE-----
 * # community: urn:example:community-b
 * -----BEGIN PRIVATE KEY-----      (what community-b's metadata is signed with)
 * -----BEGIN CERTIFICATE-----
 * </pre>
 *
 * A {@code community: <uri>} line (bare or as a {@code #} comment) starts the key and chain of that community, which
 * run to the next such line; everything before the first is the default. Each part is checked as
 * {@link ServerSigningCredentials} checks it, for the same issuer (the FHIR base URL must be a SAN URI of every leaf).
 * Immutable.
 */
public final class CommunitySigningCredentials {

    private static final Pattern COMMUNITY = Pattern.compile("(?m)^[ \\t]*(?:#[ \\t]*)?community:(.*)$");

    private final ServerSigningCredentials defaults;
    private final Map<String, ServerSigningCredentials> byCommunity;

    private CommunitySigningCredentials(ServerSigningCredentials defaults,
            Map<String, ServerSigningCredentials> byCommunity) {
        this.defaults = Objects.requireNonNull(defaults);
        this.byCommunity = Map.copyOf(byCommunity);
    }

    /** Only the default credentials, used for every community. */
    public static CommunitySigningCredentials of(ServerSigningCredentials defaults) {
        return new CommunitySigningCredentials(defaults, Map.of());
    }

    /**
     * Reads the default credentials and those of each named community.
     *
     * @param issuer the FHIR base URL, which must be a SAN URI of every leaf
     * @throws IllegalArgumentException saying which part is wrong and why, never repeating key material
     */
    public static CommunitySigningCredentials parse(String pem, String issuer) {
        Matcher line = COMMUNITY.matcher(Objects.requireNonNull(pem));
        Map<String, ServerSigningCredentials> communities = new LinkedHashMap<>();
        String community = null;
        int partStart = 0;
        ServerSigningCredentials defaults = null;
        while (true) {
            boolean found = line.find();
            String part = pem.substring(partStart, found ? line.start() : pem.length());
            if (community == null) {
                defaults = part("the default key and chain (before any community: line)", part, issuer);
            } else if (communities.put(community, part("the key and chain of community " + community, part, issuer))
                    != null) {
                throw new IllegalArgumentException("the server credentials name community " + community + " twice");
            }
            if (!found) {
                return new CommunitySigningCredentials(defaults, communities);
            }
            community = communityUri(line.group(1));
            partStart = line.end();
        }
    }

    private static ServerSigningCredentials part(String what, String pem, String issuer) {
        try {
            return ServerSigningCredentials.fromPem(pem, issuer);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException(what + ": " + wrong.getMessage());
        }
    }

    private static String communityUri(String text) {
        String uri = text.strip();
        try {
            if (!uri.isEmpty() && uri.chars().noneMatch(Character::isWhitespace) && new URI(uri).isAbsolute()) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("a community: line of the server credentials does not name an absolute"
                + " URI");
    }

    /** The credentials used without a community, and for a community that has none of its own. */
    public ServerSigningCredentials defaults() {
        return defaults;
    }

    /** The credentials configured for this community, if any. */
    public Optional<ServerSigningCredentials> ofCommunity(String uri) {
        return Optional.ofNullable(byCommunity.get(uri));
    }

    /** The communities with credentials of their own. */
    public Set<String> communities() {
        return byCommunity.keySet();
    }

    /**
     * Whether this community's own chain leads to its anchor: the chain's last certificate is the anchor or is
     * signed by it (UDAP Server Metadata §3.1: clients validate the chain to the community's anchor).
     */
    public static boolean issuedIn(ServerSigningCredentials credentials, TrustCommunity community) {
        List<X509Certificate> chain = credentials.chain();
        X509Certificate last = chain.get(chain.size() - 1);
        if (last.equals(community.anchor())) {
            return true;
        }
        try {
            last.verify(community.anchor().getPublicKey());
            return last.getIssuerX500Principal().equals(community.anchor().getSubjectX500Principal());
        } catch (GeneralSecurityException notByTheAnchor) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "CommunitySigningCredentials[default=" + defaults + ", communities=" + byCommunity.keySet() + "]";
    }
}
