package health.registration.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Client metadata as the Nimbus SDK builds it: the seven members open dynamic registration requires, every URL on one
 * fixture host and answering as its field requires, and a contact in the host's registrable domain.
 */
final class RegistrationMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistrationMetadata() {}

    /** {@link #hostedOn(String)} as the JSON object a registration request sends (RFC 7591 §3.1). */
    static ObjectNode jsonHostedOn(String host) throws Exception {
        return (ObjectNode) JSON.readTree(hostedOn(host).toJSONObject().toJSONString());
    }

    /** A registration whose every URL is hosted on {@code host} ({@link RegistrationSites}). */
    static ClientMetadata hostedOn(String host) {
        String site = "https://" + host;
        ClientMetadata metadata = new ClientMetadata();
        metadata.setName("Registration IT app at " + host);
        metadata.setRedirectionURIs(Set.of(URI.create(site + "/callback")));
        metadata.setURI(URI.create(site + "/page/home"));
        metadata.setLogoURI(URI.create(site + "/logo/logo.png"));
        metadata.setTermsOfServiceURI(URI.create(site + "/page/terms"));
        metadata.setPolicyURI(URI.create(site + "/page/privacy"));
        metadata.setEmailContacts(List.of("developer@" + RegistrationSites.DOMAIN));
        return metadata;
    }

    /** The same registration with one URL member replaced; {@code {host}} in {@code url} stands for the host. */
    static ClientMetadata withUrl(String host, String member, String url) {
        ClientMetadata metadata = hostedOn(host);
        URI replacement = URI.create(url.replace("{host}", host));
        switch (member) {
            case "redirect_uris" -> metadata.setRedirectionURIs(Set.of(replacement));
            case "client_uri" -> metadata.setURI(replacement);
            case "logo_uri" -> metadata.setLogoURI(replacement);
            case "tos_uri" -> metadata.setTermsOfServiceURI(replacement);
            case "policy_uri" -> metadata.setPolicyURI(replacement);
            default -> throw new IllegalArgumentException("not a URL member of the registration: " + member);
        }
        return metadata;
    }

    /** The same registration under another client_name. */
    static ClientMetadata renamed(String host, String name) {
        ClientMetadata metadata = hostedOn(host);
        metadata.setName(name);
        return metadata;
    }
}
