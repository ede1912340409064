package health.registration.local;

import com.fasterxml.jackson.databind.JsonNode;
import health.registration.local.LocalApiCalls.Answer;
import java.util.Map;

/**
 * The caller of a local API's routes that AWS_IAM guards in AWS ({@code /operator/}, {@code /authority/}), where the
 * request is SigV4-signed: locally the bearer token {@link OperatorGuard} reads from
 * {@value OperatorGuard#TOKEN_VARIABLE} stands in for the signature. A fresh token for each test class, so that the
 * class can search the API's log for it.
 */
record OperatorCaller(String token) {

    /** A caller with a token of its own, named after the test class ({@code operator-api-it}, …). */
    static OperatorCaller forTest(String name) {
        return new OperatorCaller(name + "-" + Long.toHexString(System.nanoTime()) + "-local-token");
    }

    /** The local API's setting that admits this caller ({@code extra} of {@link LocalRegistrationService}). */
    Map<String, String> setting() {
        return Map.of(OperatorGuard.TOKEN_VARIABLE, token);
    }

    /** {@code method path} with {@code body} (or none) to the service's local API, as this caller. */
    Answer send(LocalRegistrationService service, String method, String path, JsonNode body) throws Exception {
        return LocalApiCalls.send(service.api().baseUri(), method, path, body, token);
    }
}
