package health.registration.local;

import static health.registration.local.ProbeFixtureServers.OK_HOST;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/** The metadata sent to {@code POST /probe}: one good registration that cases change a member of, or single members. */
final class ProbeMetadata {

    static final String OK = "https://" + OK_HOST;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeMetadata() {}

    /** Every member a registration needs, each URL answering as its field requires, on {@code ok.example.com}. */
    static ObjectNode registration() {
        ObjectNode metadata = JSON.createObjectNode().put("client_name", "Probe IT App");
        metadata.putArray("redirect_uris").add(OK + "/callback");
        metadata.put("client_uri", OK + "/page/home").put("logo_uri", OK + "/logo/logo.png");
        metadata.putArray("contacts").add("developer@" + OK_HOST);
        return metadata.put("tos_uri", OK + "/page/terms").put("policy_uri", OK + "/page/privacy");
    }

    /** Metadata of redirect URIs alone (the probe answers for the members present; it does not require the rest). */
    static ObjectNode redirectUris(String... urls) {
        ObjectNode metadata = JSON.createObjectNode();
        Arrays.stream(urls).forEach(metadata.putArray("redirect_uris")::add);
        return metadata;
    }

    /** Metadata of one string member alone. */
    static ObjectNode member(String name, String url) {
        return JSON.createObjectNode().put(name, url);
    }
}
