package health.registration.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LifecycleEventJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ClientId CLIENT = new ClientId("s6BhdRkqt3_Zz9aQ1xVb-w");
    private static final Instant AT = Instant.parse("2026-11-28T03:04:05.123456Z");

    private static final List<CheckProblem> PROBLEMS = List.of(
            new CheckProblem("/logo_uri", "https://app.example.org/logo.png", "not_found", FailureKind.HARD,
                    "logo_uri answered 404; publish the logo or remove the member"),
            new CheckProblem("/contacts/0", null, "invalid_client_metadata", FailureKind.TRANSIENT,
                    "contacts/0 is not at the client's domain"));

    /** A failing client: every member set, an optional one absent, and non-ASCII text. */
    static LifecycleEvent failed() {
        return new LifecycleEvent(CLIENT.value() + ":7", LifecycleEvent.Type.URL_CHECK_FAILED, CLIENT, "健康アプリ",
                List.of("dev@app.example.org", "ops@app.example.org"), AT, ClientStatus.ACTIVE, ClientStatus.WARNING, 2,
                AT.minusSeconds(86_400), AT.plusSeconds(7 * 86_400), PROBLEMS);
    }

    /** A reinstated client: no name, no contacts, no failures, nothing pending. */
    static LifecycleEvent reinstated() {
        return new LifecycleEvent(CLIENT.value() + ":9", LifecycleEvent.Type.REINSTATED, CLIENT, null, List.of(),
                AT.plusSeconds(60), ClientStatus.SUSPENDED, ClientStatus.ACTIVE, 0, null, null, List.of());
    }

    @Test
    void detailReadsBackEqualThroughTheWire() throws Exception {
        for (LifecycleEvent event : List.of(failed(), reinstated())) {
            JsonNode wire = MAPPER.readTree(MAPPER.writeValueAsString(LifecycleEventJson.detail(event)));
            assertThat(LifecycleEventJson.read(wire, event.type().detailType())).isEqualTo(event);
        }
    }

    @Test
    void writesTheDocumentedDetail() throws Exception {
        assertThat(LifecycleEventJson.detail(failed())).isEqualTo(MAPPER.readTree("""
                {"event_id": "s6BhdRkqt3_Zz9aQ1xVb-w:7",
                 "client_id": "s6BhdRkqt3_Zz9aQ1xVb-w",
                 "client_name": "健康アプリ",
                 "contacts": ["dev@app.example.org", "ops@app.example.org"],
                 "at": "2026-11-28T03:04:05.123456Z",
                 "previous_status": "active",
                 "status": "warning",
                 "consecutive_failures": 2,
                 "first_failed_at": "2026-11-27T03:04:05.123456Z",
                 "suspends_at": "2026-12-05T03:04:05.123456Z",
                 "problems": [
                   {"member": "/logo_uri", "url": "https://app.example.org/logo.png", "code": "not_found",
                    "kind": "hard", "description": "logo_uri answered 404; publish the logo or remove the member"},
                   {"member": "/contacts/0", "url": null, "code": "invalid_client_metadata",
                    "kind": "transient", "description": "contacts/0 is not at the client's domain"}]}
                """));
        ObjectNode reinstated = LifecycleEventJson.detail(reinstated());
        assertThat(reinstated.get("client_name").isNull()).isTrue();
        assertThat(reinstated.get("first_failed_at").isNull()).isTrue();
        assertThat(reinstated.get("suspends_at").isNull()).isTrue();
    }

    @Test
    void absentOptionalMembersReadAsNullAndUnknownMembersAreIgnored() {
        ObjectNode detail = LifecycleEventJson.detail(reinstated());
        detail.remove(List.of("client_name", "first_failed_at", "suspends_at"));
        detail.put("added_later", "ignored");

        assertThat(LifecycleEventJson.read(detail, "ClientReinstated")).isEqualTo(reinstated());
    }

    @Test
    void problemsHistoryAndEventsReadBackEqual() throws Exception {
        List<StatusChange> history = List.of(
                new StatusChange(AT, ClientStatus.ACTIVE, ClientStatus.WARNING, StatusChange.URL_CHECK_FAILED),
                new StatusChange(AT.plusSeconds(1), ClientStatus.WARNING, ClientStatus.SUSPENDED, StatusChange.FAILURES_PERSISTED));
        List<LifecycleEvent> events = List.of(failed(), reinstated());

        assertThat(LifecycleEventJson.readProblems(wire(LifecycleEventJson.writeProblems(PROBLEMS)))).isEqualTo(PROBLEMS);
        assertThat(LifecycleEventJson.readHistory(wire(LifecycleEventJson.writeHistory(history)))).isEqualTo(history);
        assertThat(LifecycleEventJson.readEvents(wire(LifecycleEventJson.writeEvents(events)))).isEqualTo(events);
        assertThat(LifecycleEventJson.readEvents(wire(LifecycleEventJson.writeEvents(List.of())))).isEmpty();
    }

    @Test
    void writesHistoryAndEventsWithTheirWireNames() throws Exception {
        assertThat(LifecycleEventJson.writeHistory(List.of(
                new StatusChange(AT, ClientStatus.SUSPENDED, ClientStatus.ACTIVE, StatusChange.UPDATED))))
                .isEqualTo(MAPPER.readTree("""
                        [{"at": "2026-11-28T03:04:05.123456Z", "from": "suspended", "to": "active", "reason": "updated"}]
                        """));
        JsonNode event = LifecycleEventJson.writeEvents(List.of(reinstated())).get(0);
        assertThat(event.get("detail_type").asText()).isEqualTo("ClientReinstated");
        assertThat(event.get("detail")).isEqualTo(LifecycleEventJson.detail(reinstated()));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # member             | malformed value (JSON)          | why
            event_id             | null                            | required
            client_id            | "private-person@example.org"    | not a client id
            client_id            | 42                              | not a string
            contacts             | "private-person@example.org"    | not an array
            contacts             | [7]                             | entries are strings
            at                   | "yesterday private-person"      | not ISO-8601
            at                   | null                            | required
            previous_status      | "private-person"                | unknown status
            status               | "ACTIVE"                        | codes are lower case
            consecutive_failures | -1                              | a count
            consecutive_failures | 1.5                             | a whole number
            consecutive_failures | "2"                             | a number
            first_failed_at      | "private-person"                | not ISO-8601
            problems             | null                            | required
            problems             | [{"member": "/logo_uri"}]       | entries need code, kind and description
            problems             | [{"member": "/a", "code": "x", "kind": "private-person", "description": "d"}] | unknown kind
            """)
    void malformedDetailIsRefusedNamingTheMemberWithoutQuotingIt(String member, String value) throws Exception {
        ObjectNode detail = LifecycleEventJson.detail(failed());
        detail.set(member, MAPPER.readTree(value));

        assertThatThrownBy(() -> LifecycleEventJson.read(detail, "ClientUrlCheckFailed"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("private-person", "dev@app.example.org", "yesterday");
    }

    @Test
    void refusesWhatIsNoDetailOrNoKnownType() throws Exception {
        ObjectNode detail = LifecycleEventJson.detail(failed());
        assertThatThrownBy(() -> LifecycleEventJson.read(detail, "ClientExploded")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleEventJson.read(detail, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleEventJson.read(null, "ClientSuspended")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleEventJson.read(MAPPER.readTree("[]"), "ClientSuspended"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LifecycleEventJson.readEvents(MAPPER.readTree("[{\"detail_type\": \"ClientSuspended\"}]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detail");
        assertThatThrownBy(() -> LifecycleEventJson.readHistory(MAPPER.readTree("{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history");
        assertThatThrownBy(() -> LifecycleEventJson.readHistory(MAPPER.readTree(
                "[{\"at\": \"2026-01-01T00:00:00Z\", \"from\": \"active\", \"to\": \"gone\", \"reason\": \"updated\"}]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to");
        assertThatThrownBy(() -> LifecycleEventJson.readProblems(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode wire(JsonNode json) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(json));
    }
}
