package health.registration.validate;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import health.registration.edge.PrimingRequests;
import health.registration.edge.PrimingResource;
import java.util.List;
import java.util.Map;

/**
 * The validate function's SnapStart priming: its handler answers a valid registration, one with problems of every
 * kind, and a body that is not JSON. Validation is pure (no store, no network), so the function's own handler serves.
 */
final class ValidatePriming extends PrimingResource {

    private static final String PATH = "/validate";

    private final RequestStreamHandler handler;

    ValidatePriming(RequestStreamHandler handler) {
        super("validate");
        this.handler = handler;
    }

    @Override
    protected List<String> prime() throws Exception {
        byte[] notJson = PrimingRequests.apiEvent("POST", PATH, Map.of("Content-Type", "application/json"),
                Map.of(), "{\"client_name\": ");
        return List.of(status(PrimingRequests.jsonPost(PATH, PrimingRequests.METADATA)),
                status(PrimingRequests.jsonPost(PATH, PrimingRequests.PROBLEMS)), status(notJson));
    }

    private String status(byte[] event) throws Exception {
        return PrimingRequests.status(PrimingRequests.invoke(handler, event));
    }
}
