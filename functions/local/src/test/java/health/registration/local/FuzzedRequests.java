package health.registration.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests of one {@link RegistrationFuzzIT} run, made up front from its seed: most to {@code POST /register}
 * (open registrations and UDAP software statements), some to {@code /validate} and {@code /probe}; a content type
 * that is sometimes not JSON, and an {@code Idempotency-Key} of some shape on some registrations.
 */
final class FuzzedRequests {

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "application/jsonx", "*/*", "application/jwt", "");

    private FuzzedRequests() {}

    static List<FuzzRequest> make(int count, FuzzValues values, FuzzedRegistrations registrations,
                                  FuzzedStatements statements) {
        List<FuzzRequest> requests = new ArrayList<>(count);
        for (int number = 0; number < count; number++) {
            int roll = values.random().nextInt(100);
            String path = roll < 80 ? "register" : roll < 92 ? "validate" : "probe";
            boolean udap = path.equals("register") && values.chance(30);
            FuzzRequest.Body body = udap ? statements.body() : registrations.document();
            String contentType = values.chance(95) ? "application/json" : values.pick(CONTENT_TYPES);
            Optional<String> key = path.equals("register") && values.chance(25)
                    ? Optional.of(values.idempotencyKey(number)) : Optional.empty();
            requests.add(new FuzzRequest(number, path, contentType, key, body));
        }
        return requests;
    }
}
