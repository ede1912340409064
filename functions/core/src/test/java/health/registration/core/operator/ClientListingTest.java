package health.registration.core.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientStatus;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.policy.rules.ValidMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's listing: by status through the status index, by the URL a client's last check failed on, page by page
 * across every visible status with a cursor.
 */
class ClientListingTest {

    private static final String LOGO = "https://app.example.com/logo.png";
    private static final String TERMS = "https://app.example.com/terms";

    private final OperatorBench bench = new OperatorBench();
    private final List<ClientId> active = new ArrayList<>();
    private final List<ClientId> warning = new ArrayList<>();
    private final List<ClientId> suspended = new ArrayList<>();

    /** Three active clients, two warning (logo, terms), one suspended (logo), registered a minute apart. */
    @BeforeEach
    void register() {
        for (int n = 0; n < 6; n++) {
            ClientId id = bench.registerManually(ValidManualMetadata.metadata(Relaxation.values()[n % Relaxation.values().length]));
            bench.clock.advance(Duration.ofMinutes(1));
            switch (n) {
                case 3 -> warning.add(bench.fail(id, ClientStatus.WARNING, "/logo_uri", LOGO).clientId());
                case 4 -> warning.add(bench.fail(id, ClientStatus.WARNING, "/tos_uri", TERMS).clientId());
                case 5 -> suspended.add(bench.fail(id, ClientStatus.SUSPENDED, "/logo_uri", LOGO).clientId());
                default -> active.add(id);
            }
        }
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private ObjectNode page(ClientStatus status, String failingUrl, int limit, String cursor) {
        return bench.listing.page(Optional.ofNullable(status), Optional.ofNullable(failingUrl), limit, Optional.ofNullable(cursor));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("clients").forEach(c -> ids.add(c.path("client_id").asText()));
        return ids;
    }

    private static List<String> values(List<ClientId> ids) {
        return ids.stream().map(ClientId::value).toList();
    }

    /** Every page from the first, following the cursor; fails rather than loop for ever. */
    private List<ObjectNode> allPages(ClientStatus status, String failingUrl, int limit) {
        List<ObjectNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = page(status, failingUrl, limit, cursor);
            pages.add(page);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
            assertThat(pages).as("pages").hasSizeLessThan(20);
        } while (cursor != null);
        return pages;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ACTIVE", "WARNING", "SUSPENDED"})
    void listsTheClientsOfOneStatus(ClientStatus status) {
        ObjectNode page = page(status, null, 10, null);

        List<ClientId> expected = switch (status) {
            case ACTIVE -> active;
            case WARNING -> warning;
            default -> suspended;
        };
        assertThat(ids(page)).containsExactlyElementsOf(values(expected));
        assertThat(page.path("next_cursor").isNull()).isTrue();
        page.path("clients").forEach(c -> assertThat(c.path("client_status").asText()).isEqualTo(status.code()));
    }

    @ParameterizedTest(name = "[{index}] {0} in {1}")
    @CsvSource({
        "https://app.example.com/logo.png,  ,         2",
        "https://app.example.com/logo.png,  WARNING,  1",
        "https://app.example.com/logo.png,  SUSPENDED, 1",
        "https://app.example.com/logo.png,  ACTIVE,   0",
        "https://app.example.com/terms,     ,         1",
        "https://app.example.com/privacy,   ,         0",
        "https://app.example.com/logo.PNG,  ,         0",
    })
    void listsOnlyClientsWhoseLastCheckFailedOnTheUrl(String url, ClientStatus status, int count) {
        List<String> found = allPages(status, url, 100).stream().flatMap(p -> ids(p).stream()).toList();

        assertThat(found).hasSize(count);
        found.forEach(id -> assertThat(bench.stored(new ClientId(id)).checks().problems()).anySatisfy(p -> assertThat(p.url()).isEqualTo(url)));
    }

    @Test
    void pagesThroughEveryVisibleStatusInTurnWithoutRepeatsOrGaps() {
        List<ObjectNode> pages = allPages(null, null, 2);

        List<String> listed = pages.stream().flatMap(p -> ids(p).stream()).toList();
        List<String> expected = new ArrayList<>(values(active));
        expected.addAll(values(warning));
        expected.addAll(values(suspended));
        assertThat(listed).containsExactlyElementsOf(expected);
        assertThat(pages).isNotEmpty().allSatisfy(p -> assertThat(p.path("clients").size()).isLessThanOrEqualTo(2));
        assertThat(pages.get(pages.size() - 1).path("next_cursor").isNull()).isTrue();
        Set<String> statusesOfCursors = new LinkedHashSet<>();
        pages.stream().map(p -> p.path("next_cursor")).filter(c -> !c.isNull())
                .forEach(c -> statusesOfCursors.add(c.asText().substring(0, c.asText().indexOf(':'))));
        assertThat(statusesOfCursors).containsExactly("active", "warning", "suspended");
    }

    @Test
    void honoursTheLimitWithinOneStatus() {
        ObjectNode first = page(ClientStatus.ACTIVE, null, 2, null);
        ObjectNode second = page(ClientStatus.ACTIVE, null, 2, first.path("next_cursor").asText());

        assertThat(ids(first)).containsExactlyElementsOf(values(active.subList(0, 2)));
        assertThat(first.path("next_cursor").asText()).startsWith("active:");
        assertThat(ids(second)).containsExactlyElementsOf(values(active.subList(2, 3)));
        assertThat(second.path("next_cursor").isNull()).as("a status filter ends with its status").isTrue();
    }

    @Test
    void showsEachClientAsTheOperatorViewWithoutSecrets() {
        JsonNode client = page(ClientStatus.ACTIVE, null, 1, null).path("clients").get(0);

        assertThat(client.path(OperatorView.REGISTRATION_PATH).asText()).isEqualTo("manual");
        assertThat(client.has(OperatorView.HISTORY)).isTrue();
        assertThat(client.has("url_checks")).isTrue();
        assertThat(client.has("client_secret")).isFalse();
        assertThat(client.has("registration_access_token")).isFalse();
    }

    @Test
    void neverListsAClientBeingDeleted() {
        ClientId gone = active.get(0);
        bench.store.replace(bench.stored(gone).withStatus(ClientStatus.DELETING, bench.clock.instant()));

        List<String> listed = allPages(null, null, 100).stream().flatMap(p -> ids(p).stream()).toList();

        assertThat(listed).hasSize(5).doesNotContain(gone.value());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" with status {1}")
    @CsvSource({
        "nonsense,          ",
        "'',                ",
        ":abc,              ",
        "pending:,          ",
        "deleting:,         ",
        "warning:,          ACTIVE",
        "suspended:,        WARNING",
    })
    void refusesACursorThisListingDidNotWrite(String cursor, ClientStatus status) {
        assertThatThrownBy(() -> page(status, null, 10, cursor)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void continuesFromACursorOfTheSameListing() {
        String cursor = page(null, null, 3, null).path("next_cursor").asText();

        assertThat(cursor).isEqualTo("warning:");
        assertThat(ids(page(null, null, 3, cursor))).containsExactlyElementsOf(values(warning));
    }

    @Test
    void listsClientsOfEveryPath() {
        String open = bench.registerOpenly(ValidMetadata.metadata()).path("client_id").asText();
        ClientId udap = bench.addUdapClient();

        List<String> listed = ids(page(ClientStatus.ACTIVE, null, 100, null));

        assertThat(listed).contains(open, udap.value());
    }
}
