package health.registration.testkit;

import java.util.Map;
import java.util.UUID;

/**
 * The environment a priming test gives an issuing function: tables and a secret prefix that exist nowhere. Had
 * priming sent a request to DynamoDB or Secrets Manager (moto in tests; AWS is out of reach), the table would not be
 * found and priming would stop; it succeeds only because every request is answered in memory.
 */
public final class PrimingEnvironment {

    private PrimingEnvironment() {}

    public static Map<String, String> nowhere() {
        String run = UUID.randomUUID().toString();
        return Map.of("CLIENTS_TABLE", "priming-nowhere-" + run, "SECRET_PREFIX", "priming-nowhere/" + run + "/",
                "REQUEST_COUNTS_TABLE", "priming-nowhere-counts-" + run,
                "PUBLIC_BASE_URL", "https://registration.example.com",
                "MANUAL_REGISTRATION_URL", "https://manual.example.org/register");
    }
}
