package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The three Lambda API calls the cleanup's pruning of function versions makes (Lambda API reference:
 * ListVersionsByFunction {@code GET /2015-03-31/functions/{name}/versions}, ListAliases
 * {@code GET /2015-03-31/functions/{name}/aliases}, both paged by {@code Marker}/{@code NextMarker}, and DeleteFunction
 * {@code DELETE /2015-03-31/functions/{name}?Qualifier=}), signed and sent by {@link SignedRequests}, without the
 * Lambda client and its model (docs/performance-packages.md). Failures are {@link SdkClientException}s.
 */
public final class LambdaVersionRequests {

    static final String PATH_PREFIX = "/2015-03-31/functions/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedRequests requests;

    public LambdaVersionRequests(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.requests = new SignedRequests("Lambda", LambdaInvoke.SIGNING_NAME, http, endpoint, region, credentials);
    }

    /** This container's: {@link ClientSettings}' region and credentials, Lambda's endpoint, built on first use. */
    public static LambdaVersionRequests shared() {
        return Holder.REQUESTS;
    }

    // The JVM initialises the holder, and so builds the sender, on its first use only.
    private static final class Holder {
        static final LambdaVersionRequests REQUESTS = ClientSettings.sender(LambdaInvoke::endpoint,
                LambdaVersionRequests::new);
    }

    /** Every version of {@code function} ({@code $LATEST} and the published ones), in the order Lambda lists them. */
    public List<String> versions(String function) {
        List<String> versions = new ArrayList<>();
        for (JsonNode page : pages(path(function) + "/versions")) {
            for (JsonNode configuration : page.path("Versions")) {
                versions.add(configuration.path("Version").asText());
            }
        }
        return versions;
    }

    /** The versions the aliases of {@code function} point at, with those of their weighted routing. */
    public Set<String> aliasedVersions(String function) {
        Set<String> versions = new HashSet<>();
        for (JsonNode page : pages(path(function) + "/aliases")) {
            for (JsonNode alias : page.path("Aliases")) {
                versions.add(alias.path("FunctionVersion").asText());
                alias.path("RoutingConfig").path("AdditionalVersionWeights").fieldNames().forEachRemaining(versions::add);
            }
        }
        return versions;
    }

    /** Deletes one published version of {@code function}. */
    public void delete(String function, String version) {
        requests.send(SdkHttpMethod.DELETE, path(function), Map.of("Qualifier", version));
    }

    private static String path(String function) {
        return PATH_PREFIX + SdkHttpUtils.urlEncode(function);
    }

    private List<JsonNode> pages(String path) {
        List<JsonNode> pages = new ArrayList<>();
        String marker = null;
        do {
            Map<String, String> query = new HashMap<>();
            if (marker != null) {
                query.put("Marker", marker);
            }
            JsonNode page = read(requests.send(SdkHttpMethod.GET, path, query).body());
            pages.add(page);
            marker = page.hasNonNull("NextMarker") && !page.get("NextMarker").asText().isEmpty()
                    ? page.get("NextMarker").asText() : null;
        } while (marker != null);
        return pages;
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode page = JSON.readTree(body);
            if (page == null || !page.isObject()) {
                throw SdkClientException.create("Lambda's answer is not a JSON object");
            }
            return page;
        } catch (IOException notJson) {
            throw SdkClientException.create("Lambda's answer is not JSON");
        }
    }
}
