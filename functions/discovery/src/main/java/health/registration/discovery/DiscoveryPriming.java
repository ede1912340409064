package health.registration.discovery;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.adapters.aws.OfflineEndpoint;
import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.secrets.SecretsManagerText;
import health.registration.core.udap.UdapMetadata;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import health.registration.edge.Settings;
import health.registration.edge.UdapSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The discovery function's SnapStart priming: a handler answers {@code GET /.well-known/udap} without a community,
 * for its community and for an unknown one (IG STU2 §2.4). With UDAP on, the handler is wired as in Lambda
 * ({@link DiscoveryWiring}, the function's own settings) but over throw-away credentials ({@link PrimingCredentials})
 * kept in a Secrets Manager client of an {@link OfflineEndpoint}, so the first request after a restore finds the SDK's
 * request path, TLS included, PEM parsing, chain checks, RS256 signing and the document's JSON already warm. The
 * function's own key and anchors are never read while priming (they must not be frozen into a snapshot; the
 * function's handler reads them on its first request), and the metadata primed here, with its signed document, is
 * discarded with the offline clients. With UDAP off, the handler answers 404 as the function does.
 */
final class DiscoveryPriming extends PrimingResource {

    /** The server credentials as the offline Secrets Manager names them; they exist there only. */
    static final String CREDENTIALS_SECRET = "offline-udap-server-credentials";
    /** The trust anchors as the offline Secrets Manager names them; they exist there only. */
    static final String ANCHORS_SECRET = "offline-udap-trust-anchors";
    private static final String PATH = "/.well-known/udap";
    private static final String UNKNOWN_COMMUNITY = "urn:example:priming-unknown";

    private final Map<String, String> environment;
    private volatile int offlineRequests;
    private volatile int offlineHandshakes;

    /** @param environment the function's environment ({@code System.getenv()} in Lambda) */
    DiscoveryPriming(Map<String, String> environment) {
        super("discovery");
        this.environment = Map.copyOf(environment);
    }

    @Override
    protected List<String> prime() throws Exception {
        if (UdapSettings.of(new Settings(environment)).isEmpty()) {
            return answers(new UdapMetadataHandler(Optional.empty()));
        }
        // Secrets Manager's calls alone: naming every service's offline client would put every model in the package.
        try (OfflineEndpoint endpoint = OfflineEndpoint.open(payload -> payload)) {
            List<String> outcomes = answers(new UdapMetadataHandler(Optional.of(metadata(endpoint.secretsManager()))));
            offlineRequests = endpoint.requests();
            offlineHandshakes = endpoint.handshakes();
            return outcomes;
        }
    }

    /** The function's metadata settings, its secrets replaced by throw-away ones held in {@code offline}. */
    private UdapMetadata metadata(SecretsManagerRequests offline) throws Exception {
        String fhirBase = UdapSettings.of(new Settings(environment)).orElseThrow().metadataSettings().baseUrl();
        PrimingCredentials credentials = PrimingCredentials.forBaseUrl(fhirBase);
        offline.createSecret(CREDENTIALS_SECRET, credentials.credentialsPem(), UUID.randomUUID().toString(), Map.of(),
                Optional.empty());
        offline.createSecret(ANCHORS_SECRET, credentials.anchorsPem(), UUID.randomUUID().toString(), Map.of(),
                Optional.empty());
        Map<String, String> primed = new HashMap<>(environment);
        primed.remove(Settings.UDAP_SERVER_KEY_FILE);
        primed.remove(Settings.UDAP_SERVER_CERTIFICATE_FILE);
        primed.remove(Settings.UDAP_TRUST_ANCHORS_FILE);
        primed.put(Settings.UDAP_SERVER_CREDENTIALS_SECRET, CREDENTIALS_SECRET);
        primed.put(Settings.UDAP_TRUST_ANCHORS_SECRET, ANCHORS_SECRET);
        return DiscoveryWiring.udapMetadata(new Settings(primed), name -> SecretsManagerText.read(offline, name),
                Clock.systemUTC()).orElseThrow();
    }

    private static List<String> answers(RequestStreamHandler handler) throws Exception {
        return List.of(answer(handler, Map.of()),
                answer(handler, Map.of(UdapMetadataHandler.COMMUNITY, PrimingCredentials.COMMUNITY)),
                answer(handler, Map.of(UdapMetadataHandler.COMMUNITY, UNKNOWN_COMMUNITY)));
    }

    private static String answer(RequestStreamHandler handler, Map<String, String> query) throws Exception {
        byte[] event = PrimingRequests.apiEvent("GET", PATH, Map.of(), Map.of(), query, null);
        return PrimingRequests.status(PrimingRequests.invoke(handler, event));
    }

    /** SDK requests the last priming sent, every one to the offline clients' loopback endpoint. */
    int offlineRequests() {
        return offlineRequests;
    }

    /** TLS handshakes the last priming made with the loopback endpoint; 0 when it had no loopback socket. */
    int offlineHandshakes() {
        return offlineHandshakes;
    }
}
