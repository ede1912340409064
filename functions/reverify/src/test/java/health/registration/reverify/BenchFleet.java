package health.registration.reverify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The registered apps of the re-verification benchmark (docs/operations/reverification.md), with realistic sharing:
 * vendors of {@value #APPS_PER_VENDOR} apps each, every app with its own host for its home page and redirect URI, and
 * every vendor's apps sharing the logo, terms and privacy pages on the vendor's host. 10,000 apps make 500 vendors,
 * 50,000 URL references and 21,500 distinct URLs. Hosts are single labels under example.com (one {@code *.example.com}
 * certificate covers them), spread over {@link #ADDRESSES} on loopback; contacts are on example.com, so the contacts
 * rule passes.
 */
final class BenchFleet {

    static final int APPS_PER_VENDOR = 20;
    /** The loopback addresses the sites listen on, port 443 each; nothing else is ever contacted. */
    static final List<String> ADDRESSES = List.of("127.0.0.71", "127.0.0.72", "127.0.0.73", "127.0.0.74");

    private final int apps;

    BenchFleet(int apps) {
        if (apps < 1) {
            throw new IllegalArgumentException("the fleet has at least one app");
        }
        this.apps = apps;
    }

    int apps() {
        return apps;
    }

    int vendors() {
        return (apps + APPS_PER_VENDOR - 1) / APPS_PER_VENDOR;
    }

    /** URLs named by all apps together, counting a URL once per app. */
    long urlReferences() {
        return 5L * apps;
    }

    /** Distinct URLs: each app's home page and redirect URI, each vendor's logo, terms and privacy pages. */
    long distinctUrls() {
        return 2L * apps + 3L * vendors();
    }

    static String appHost(int app) {
        return "app-" + app + ".example.com";
    }

    static String vendorHost(int vendor) {
        return "vendor-" + vendor + ".example.com";
    }

    /** Apps are registered interleaved across vendors, as they would arrive, so a vendor's apps span many pages. */
    int vendorOf(int app) {
        return app % vendors();
    }

    ObjectNode metadata(int app) {
        String own = "https://" + appHost(app);
        String vendor = "https://" + vendorHost(vendorOf(app));
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("client_name", "Benchmark app " + app);
        metadata.putArray("redirect_uris").add(own + "/callback");
        metadata.put("client_uri", own + "/home");
        metadata.put("logo_uri", vendor + "/logo.png");
        metadata.putArray("contacts").add("developer@example.com");
        metadata.put("tos_uri", vendor + "/terms");
        metadata.put("policy_uri", vendor + "/privacy");
        metadata.putArray("grant_types").add("authorization_code").add("refresh_token");
        metadata.putArray("response_types").add("code");
        metadata.put("token_endpoint_auth_method", "client_secret_basic");
        metadata.put("scope", "launch/patient openid fhirUser offline_access patient/*.rs");
        return metadata;
    }

    /** Hosts-file lines: every app and vendor host on one of the addresses. */
    List<String> hostsFileLines() {
        List<String> lines = new ArrayList<>();
        lines.add("# reverify-10k benchmark: every name probed, all on loopback");
        for (int app = 0; app < apps; app++) {
            lines.add(ADDRESSES.get(app % ADDRESSES.size()) + " " + appHost(app));
        }
        for (int vendor = 0; vendor < vendors(); vendor++) {
            lines.add(ADDRESSES.get(vendor % ADDRESSES.size()) + " " + vendorHost(vendor));
        }
        return lines;
    }

    static String allowedCidrs() {
        return String.join(",", ADDRESSES.stream().map(a -> a + "/32").toList());
    }
}
