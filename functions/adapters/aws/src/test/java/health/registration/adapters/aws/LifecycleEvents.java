package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientChange;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.model.ClientMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lifecycle events to publish, of every type, carrying contacts that must never reach a message or log. */
final class LifecycleEvents {

    /** The contact every event carries: personal data, so it must appear in no exception message. */
    static final String CONTACT = "private-person@app.example.org";

    private static final SecureRandomIdSource IDS = new SecureRandomIdSource();
    private static final Instant AT = Instant.parse("2026-11-28T03:04:05.123Z");

    private LifecycleEvents() {}

    /** Events of distinct clients, cycling through the types: failed, suspended, reinstated. */
    static List<LifecycleEvent> some(int count) {
        List<LifecycleEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(LifecycleEvent.Type.values()[i % LifecycleEvent.Type.values().length], IDS.newClientId(), i));
        }
        return events;
    }

    static LifecycleEvent event(LifecycleEvent.Type type, ClientId client, int n) {
        Instant at = AT.plusSeconds(n);
        Instant firstFailed = at.minus(Duration.ofDays(3));
        List<CheckProblem> problems = List.of(new CheckProblem("/logo_uri", "https://app.example.org/logo.png",
                "not_found", FailureKind.HARD, "logo_uri answered 404"));
        return switch (type) {
            case URL_CHECK_FAILED -> new LifecycleEvent(client.value() + ":" + (n + 2), type, client, "Example Health App",
                    List.of(CONTACT), at, ClientStatus.ACTIVE, ClientStatus.WARNING, 1, firstFailed,
                    firstFailed.plus(Duration.ofDays(14)), problems);
            case SUSPENDED -> new LifecycleEvent(client.value() + ":" + (n + 2), type, client, "健康アプリ",
                    List.of(CONTACT, "ops@app.example.org"), at, ClientStatus.WARNING, ClientStatus.SUSPENDED, 5,
                    firstFailed, null, problems);
            case REINSTATED -> new LifecycleEvent(client.value() + ":" + (n + 2), type, client, null, List.of(CONTACT), at,
                    ClientStatus.SUSPENDED, ClientStatus.ACTIVE, 0, null, null, List.of());
            case REGISTERED, UPDATED, CERTIFICATE_REBOUND, DELETED -> {
                ClientStatus status = type == LifecycleEvent.Type.DELETED ? ClientStatus.DELETING : ClientStatus.ACTIVE;
                ClientChange change = new ClientChange(n + 2, RegistrationPath.OPEN, status, at, ClientMetadata.of(metadata()), 0L, null);
                yield new LifecycleEvent(type.id(client, n + 2), type, client, "Example Health App", List.of(CONTACT), at,
                        ClientStatus.ACTIVE, status, 0, null, null, List.of(), change);
            }
        };
    }

    private static ObjectNode metadata() {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("client_name", "Example Health App");
        metadata.putArray("redirect_uris").add("https://app.example.org/callback");
        return metadata.put("scope", "openid patient/*.rs");
    }
}
