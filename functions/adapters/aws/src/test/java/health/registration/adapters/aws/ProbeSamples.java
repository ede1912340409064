package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlField;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import java.io.UncheckedIOException;
import java.util.List;

/** Metadata to probe and a report the probe function could answer for it. */
final class ProbeSamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeSamples() {}

    static ClientMetadata metadata() {
        try {
            return ClientMetadata.of((ObjectNode) JSON.readTree("""
                    {"client_name": "Example Health App",
                     "redirect_uris": ["https://app.example.org/callback?tenant=a&token=kept-out-of-logs"],
                     "logo_uri": "https://app.example.org/logo.png",
                     "x_vendor_extension": {"kept": [1, 2.5, null]}}
                    """));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProbeReport report() {
        return new ProbeReport(List.of(
                new ProbeResult(UrlField.REDIRECT_URI, "/redirect_uris/0",
                        "https://app.example.org/callback?tenant=a&token=kept-out-of-logs", ProbeOutcome.OK, 200, null,
                        List.of("203.0.113.10"), 41, ProbeVerdict.PASS, ""),
                new ProbeResult(UrlField.LOGO_URI, "/logo_uri", "https://app.example.org/logo.png",
                        ProbeOutcome.REDIRECT, 302, "https://cdn.example.org/logo.png", List.of("203.0.113.10"), 17,
                        ProbeVerdict.FAIL, "logo_uri answered a redirect; register the final URL.")));
    }
}
