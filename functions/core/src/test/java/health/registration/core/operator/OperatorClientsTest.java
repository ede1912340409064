package health.registration.core.operator;

import static health.registration.core.operator.OperatorBench.CALLER;
import static health.registration.core.operator.OperatorBench.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.ManagementOutcome;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.issue.StatusChange;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.RegistrationError;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.policy.Violation;
import health.registration.core.policy.rules.ValidManualMetadata;
import health.registration.core.policy.rules.ValidManualMetadata.Relaxation;
import health.registration.core.policy.rules.ValidMetadata;
import health.registration.core.port.FailingClientStore.Operation;
import health.registration.core.probe.ProbeOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's client API (docs/api/operator.md): register under the manual path's rules, read, update, delete,
 * audited.
 */
class OperatorClientsTest {

    private final OperatorBench bench = new OperatorBench();

    @AfterEach
    void stop() {
        bench.close();
    }

    private OperatorAction lastAudit() {
        return bench.audit.last();
    }

    @Nested
    class Register {

        @ParameterizedTest(name = "{0}")
        @EnumSource(Relaxation.class)
        void registersEachRelaxationWithASecretOnlyWhereTheClientUsesOne(Relaxation relaxation) {
            OperatorOutcome outcome = bench.operator.register(ValidManualMetadata.metadata(relaxation), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Created.class);
            OperatorOutcome.Created created = (OperatorOutcome.Created) outcome;
            JsonNode answer = OperatorBench.json(created.answer());
            ClientId id = new ClientId(created.clientId());
            assertThat(answer.path("client_id").asText()).isEqualTo(created.clientId());
            assertThat(answer.path("registration_access_token").asText()).isEqualTo(bench.ids.lastToken().value());
            assertThat(answer.path("registration_client_uri").asText()).isEqualTo("https://register.example.org/register/" + id.value());
            assertThat(answer.has("client_secret")).isEqualTo(relaxation.secretIssued());
            assertThat(bench.secrets.read(id).isPresent()).isEqualTo(relaxation.secretIssued());
            if (!relaxation.secretIssued()) {
                assertThat(bench.secrets.size()).as("nothing in the secret store").isZero();
            }
            ClientRecord record = bench.stored(id);
            assertThat(record.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(record.path()).isEqualTo(RegistrationPath.MANUAL);
        }

        @Test
        void answersWithTheSecretOnceAndKeepsItInTheSecretStore() {
            JsonNode answer = bench.register(ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
            ClientId id = new ClientId(answer.path("client_id").asText());

            assertThat(answer.path("client_secret").asText()).isEqualTo(bench.ids.lastSecret().value());
            assertThat(bench.secrets.read(id)).contains(bench.ids.lastSecret());
            assertThat(bench.stored(id).metadata().toJson().toString()).doesNotContain(bench.ids.lastSecret().value());
        }

        @Test
        void refusesMetadataTheManualPolicyRefusesWithEveryProblemAndWritesNothing() {
            ObjectNode json = ValidMetadata.json();
            json.putArray("redirect_uris").add("http://app.example.com/cb").add("myapp:/cb");
            json.putArray("grant_types").add("implicit");
            json.remove("logo_uri");

            OperatorOutcome outcome = bench.operator.register(ClientMetadata.of(json), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            RegistrationError error = ((OperatorOutcome.Refused) outcome).error();
            assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
            assertThat(error.errors()).extracting(Violation::field)
                    .containsExactly("/redirect_uris/0", "/redirect_uris/1", "/logo_uri", "/grant_types/0");
            assertThat(bench.store.size()).isZero();
            assertThat(bench.secrets.size()).isZero();
            assertThat(bench.prober.probedTargets()).isEmpty();
        }

        @Test
        void keepsItsRelaxationsForRedirectUrisOnly() {
            // Policy section 1: a native app's custom scheme and loopback are accepted in redirect_uris, nowhere else.
            ObjectNode json = ValidManualMetadata.json(Relaxation.NATIVE_APP);
            json.putArray("post_logout_redirect_uris").add("com.example.app:/signed-out").add("http://127.0.0.1:51004/bye");
            json.put("initiate_login_uri", "javascript:alert(1)");

            OperatorOutcome outcome = bench.operator.register(ClientMetadata.of(json), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            assertThat(((OperatorOutcome.Refused) outcome).error().errors()).extracting(Violation::field)
                    // The loopback entry breaks three rules: https, DNS name, default port.
                    .containsExactly("/initiate_login_uri", "/post_logout_redirect_uris/0", "/post_logout_redirect_uris/1",
                            "/post_logout_redirect_uris/1", "/post_logout_redirect_uris/1");
            assertThat(bench.store.size()).isZero();
        }

        @Test
        void refusesALogoThatProbingFinds() {
            bench.prober.failing("https://app.example.com/logo.png", ProbeOutcome.NOT_AN_IMAGE);

            OperatorOutcome outcome = bench.operator.register(ValidManualMetadata.metadata(Relaxation.NATIVE_APP), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            assertThat(((OperatorOutcome.Refused) outcome).error().errors()).extracting(Violation::field).containsExactly("/logo_uri");
            assertThat(bench.store.size()).isZero();
        }

        @Test
        void auditsTheCallerAndOutcomeOfEveryRegistrationWithoutSecretOrToken() {
            JsonNode answer = bench.register(ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
            bench.clock.advance(Duration.ofMinutes(1));
            bench.operator.register(ValidMetadata.withRedirectUri("myapp:/cb"), "arn:aws:iam::123456789012:role/ops");

            assertThat(bench.audit.actions()).extracting(OperatorAction::action, OperatorAction::caller, OperatorAction::subject,
                    OperatorAction::outcome, OperatorAction::at).containsExactly(
                    tuple("client.register", CALLER, answer.path("client_id").asText(), "done", OperatorBench.START),
                    tuple("client.register", "arn:aws:iam::123456789012:role/ops", null, "refused",
                            OperatorBench.START.plus(Duration.ofMinutes(1))));
            assertThat(bench.audit.actions().toString()).doesNotContain(answer.path("client_secret").asText())
                    .doesNotContain(answer.path("registration_access_token").asText());
        }

        @Test
        void registersEvenWhenTheAuditTrailIsDown() {
            bench.audit.failing();

            OperatorOutcome outcome = bench.operator.register(ValidManualMetadata.metadata(Relaxation.PUBLIC_CLIENT), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Created.class);
            assertThat(bench.store.withStatus(ClientStatus.ACTIVE)).hasSize(1);
            assertThat(bench.audit.actions()).isEmpty();
        }
    }

    @Nested
    class Read {

        @Test
        void showsHowTheClientRegisteredItsStatusHistoryAndChecksButNoSecretOrToken() {
            JsonNode answer = bench.register(ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
            ClientId id = new ClientId(answer.path("client_id").asText());
            ClientRecord failed = bench.fail(id, ClientStatus.WARNING, "/logo_uri", "https://app.example.com/logo.png");

            JsonNode view = shown(bench.operator.read(id.value(), CALLER));

            assertThat(view.path("client_id").asText()).isEqualTo(id.value());
            assertThat(view.path(OperatorView.REGISTRATION_PATH).asText()).isEqualTo("manual");
            assertThat(view.path("client_status").asText()).isEqualTo("warning");
            assertThat(view.path("client_name").asText()).isEqualTo("Example App");
            assertThat(view.path("grant_types").toString()).isEqualTo("[\"client_credentials\"]");
            assertThat(view.path("url_checks").path("consecutive_failures").asInt()).isOne();
            assertThat(view.path("url_checks").path("last_checked_at").asLong())
                    .isEqualTo(failed.checks().lastCheckedAt().getEpochSecond());
            assertThat(view.path("url_checks").path("failing_since").asLong())
                    .isEqualTo(failed.checks().firstFailedAt().getEpochSecond());
            assertThat(view.path("url_checks").path("next_check_at").asLong())
                    .isEqualTo(failed.checks().nextCheckAt().getEpochSecond());
            assertThat(view.path("url_checks").path("problems")).singleElement().satisfies(p -> {
                assertThat(p.path("member").asText()).isEqualTo("/logo_uri");
                assertThat(p.path("url").asText()).isEqualTo("https://app.example.com/logo.png");
            });
            assertThat(view.path(OperatorView.HISTORY)).singleElement().satisfies(change -> {
                assertThat(change.path("from").asText()).isEqualTo("active");
                assertThat(change.path("to").asText()).isEqualTo("warning");
                assertThat(change.path("reason").asText()).isEqualTo(StatusChange.URL_CHECK_FAILED);
                assertThat(change.path("at").asLong()).isEqualTo(OperatorBench.START.getEpochSecond());
            });
            assertThat(view.path("created_at").asLong()).isEqualTo(OperatorBench.START.getEpochSecond());
            assertThat(view.has("client_secret")).isFalse();
            assertThat(view.has("registration_access_token")).isFalse();
            assertThat(view.toString()).doesNotContain(answer.path("client_secret").asText())
                    .doesNotContain(answer.path("registration_access_token").asText());
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::subject, OperatorAction::outcome)
                    .containsExactly("client.read", id.value(), "done");
        }

        @Test
        void showsNeitherTokenNorHashAfterAnRfc7592ReadKeptThePreviousToken() {
            JsonNode answer = bench.registerOpenly(ValidMetadata.metadata());
            String id = answer.path("client_id").asText();
            String first = answer.path("registration_access_token").asText();
            String second = OperatorBench.json(((ManagementOutcome.Shown) bench.registeredClients()
                    .read(id, first)).answer()).path("registration_access_token").asText();
            ClientRecord stored = bench.stored(new ClientId(id));
            assertThat(stored.credentials().previousToken()).as("the read kept the first token as previous").isNotNull();

            JsonNode view = shown(bench.operator.read(id, CALLER));

            assertThat(view.toString()).doesNotContain(first, second, stored.credentials().registrationTokenHash(),
                    stored.credentials().previousToken().hash());
            assertThat(lastAudit().toString()).doesNotContain(first, second, stored.credentials().registrationTokenHash(),
                    stored.credentials().previousToken().hash());
        }

        @Test
        void showsClientsOfEveryPath() {
            String open = bench.registerOpenly(ValidMetadata.metadata()).path("client_id").asText();
            ClientId udap = bench.addUdapClient();

            assertThat(shown(bench.operator.read(open, CALLER)).path(OperatorView.REGISTRATION_PATH).asText()).isEqualTo("open");
            assertThat(shown(bench.operator.read(udap.value(), CALLER)).path(OperatorView.REGISTRATION_PATH).asText()).isEqualTo("udap");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"client-000000000000099", "not a client id", ""})
        void answersNotFoundForNoSuchClient(String clientId) {
            assertThat(bench.operator.read(clientId, CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly("client.read", "not_found");
        }

        @Test
        void answersNotFoundForAClientThatIsNotVisible() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            ClientRecord client = bench.stored(id);
            bench.store.replace(client.withStatus(ClientStatus.DELETING, bench.clock.instant()));

            assertThat(bench.operator.read(id.value(), CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
        }
    }

    @Nested
    class Update {

        @Test
        void replacesAManualClientsMetadataAfterTheManualReviewKeepingItsSecretAndToken() {
            ClientId id = bench.registerManually(ValidManualMetadata.metadata(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET));
            ClientRecord before = bench.stored(id);
            bench.clock.advance(Duration.ofHours(1));
            ObjectNode changed = ValidManualMetadata.json(Relaxation.CLIENT_CREDENTIALS_WITH_SECRET);
            changed.put("client_name", "Example Service");
            changed.putArray("redirect_uris").add(ValidManualMetadata.PRIVATE_USE_REDIRECT).add(ValidManualMetadata.LOOPBACK_REDIRECT);

            JsonNode view = shown(bench.operator.update(id.value(), ClientMetadata.of(changed), CALLER));

            ClientRecord after = bench.stored(id);
            assertThat(view.path("client_name").asText()).isEqualTo("Example Service");
            assertThat(view.has("client_secret")).isFalse();
            assertThat(view.has("registration_access_token")).isFalse();
            assertThat(after.metadata().text("client_name")).contains("Example Service");
            assertThat(after.metadata().toJson().path("response_types").toString()).as("defaults written out").isEqualTo("[]");
            assertThat(after.credentials()).isEqualTo(before.credentials());
            assertThat(after.path()).isEqualTo(RegistrationPath.MANUAL);
            assertThat(after.checks().nextCheckAt()).isEqualTo(bench.clock.instant().plus(Duration.ofDays(1)));
            assertThat(bench.secrets.read(id)).contains(bench.ids.lastSecret());
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::caller, OperatorAction::subject, OperatorAction::outcome)
                    .containsExactly("client.update", CALLER, id.value(), "done");
        }

        @Test
        void ignoresServerMembersSentWithTheUpdate() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            ObjectNode changed = ValidMetadata.json();
            changed.put("client_id", "client-000000000000099");
            changed.put("client_status", "active");

            JsonNode view = shown(bench.operator.update(id.value(), ClientMetadata.of(changed), CALLER));

            assertThat(view.path("client_id").asText()).isEqualTo(id.value());
            assertThat(bench.stored(id).metadata().names()).doesNotContain("client_id", "client_status");
        }

        @Test
        void ignoresTheViewsOwnMembersWhenTheOperatorSendsAReadClientBack() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            ObjectNode view = (ObjectNode) shown(bench.operator.read(id.value(), CALLER));
            view.put("client_name", "Renamed");

            shown(bench.operator.update(id.value(), ClientMetadata.of(view), CALLER));

            assertThat(bench.stored(id).metadata().text("client_name")).contains("Renamed");
            assertThat(bench.stored(id).metadata().names()).doesNotContainAnyElementsOf(OperatorView.MEMBERS)
                    .doesNotContain("client_id", "client_status", "url_checks", "registration_client_uri");
        }

        @ParameterizedTest(name = "[{index}] {2}")
        @CsvSource(delimiter = '|', textBlock = """
            # registered as                   | updated to                        | reason
            CLIENT_CREDENTIALS_WITH_SECRET    | PUBLIC_CLIENT                     | from client_secret_basic to none
            CLIENT_CREDENTIALS_WITH_SECRET    | CLIENT_CREDENTIALS_WITH_JWKS      | from client_secret_basic to private_key_jwt
            CLIENT_CREDENTIALS_WITH_JWKS      | CLIENT_CREDENTIALS_WITH_SECRET    | from private_key_jwt to client_secret_basic
            PUBLIC_CLIENT                     | PRIVATE_USE_REDIRECT              | from none to the default client_secret_basic
            """)
        void refusesSwitchingBetweenASecretAndNone(Relaxation registered, Relaxation updatedTo, String reason) {
            ClientId id = bench.registerManually(ValidManualMetadata.metadata(registered));
            ClientRecord before = bench.stored(id);

            OperatorOutcome outcome = bench.operator.update(id.value(), ValidManualMetadata.metadata(updatedTo), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            assertThat(((OperatorOutcome.Refused) outcome).error().errors()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("/token_endpoint_auth_method");
                assertThat(v.code()).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
                assertThat(v.description()).contains("register the client again");
            });
            assertThat(bench.stored(id)).isEqualTo(before);
            assertThat(lastAudit().outcome()).isEqualTo("refused");
        }

        @ParameterizedTest(name = "[{index}] {2}")
        @CsvSource(delimiter = '|', textBlock = """
            # registered as                     | updated to                          | reason
            CLIENT_CREDENTIALS_WITH_JWKS        | CLIENT_CREDENTIALS_WITH_JWKS_URI    | from jwks to jwks_uri
            CLIENT_CREDENTIALS_WITH_JWKS        | PUBLIC_CLIENT                       | between the two ways without a secret
            CLIENT_CREDENTIALS_WITH_SECRET      | LOOPBACK_REDIRECT_WITH_PORT         | between grants, keeping the secret
            """)
        void acceptsChangesThatKeepHowTheClientAuthenticates(Relaxation registered, Relaxation updatedTo, String reason) {
            ClientId id = bench.registerManually(ValidManualMetadata.metadata(registered));

            OperatorOutcome outcome = bench.operator.update(id.value(), ValidManualMetadata.metadata(updatedTo), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Shown.class);
            assertThat(bench.stored(id).metadata().toJson()).isEqualTo(ValidManualMetadata.metadata(updatedTo).withDefaults().toJson());
        }

        @Test
        void refusesMetadataTheManualReviewRefusesWithEveryProblem() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            ClientRecord before = bench.stored(id);
            ObjectNode changed = ValidMetadata.json();
            changed.putArray("redirect_uris").add("http://localhost/cb");
            changed.remove("client_name");

            OperatorOutcome outcome = bench.operator.update(id.value(), ClientMetadata.of(changed), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            assertThat(((OperatorOutcome.Refused) outcome).error().errors()).extracting(Violation::field)
                    .containsExactly("/redirect_uris/0", "/client_name");
            assertThat(bench.stored(id)).isEqualTo(before);
        }

        @Test
        void refusesClientsOfTheOpenAndUdapPaths() {
            String open = bench.registerOpenly(ValidMetadata.metadata()).path("client_id").asText();
            ClientId udap = bench.addUdapClient();

            for (String id : List.of(open, udap.value())) {
                OperatorOutcome outcome = bench.operator.update(id, ValidMetadata.metadata(), CALLER);

                assertThat(outcome).as(id).isInstanceOf(OperatorOutcome.Refused.class);
                RegistrationError error = ((OperatorOutcome.Refused) outcome).error();
                assertThat(error.error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
                assertThat(error.description()).startsWith("only manually registered clients are updated here");
                assertThat(lastAudit()).extracting(OperatorAction::subject, OperatorAction::outcome).containsExactly(id, "refused");
            }
            assertThat(bench.prober.calls()).as("only the open registration was probed").isOne();
            assertThat(bench.prober.probedTargets()).as("nothing probed for a refused update").isEmpty();
        }

        @Test
        void answersConflictWhenTheClientChangedMeanwhile() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            bench.clients.interfereBefore(Operation.REPLACE, bench.clients.calls(Operation.REPLACE) + 1,
                    () -> bench.store.replace(bench.stored(id).withStatus(ClientStatus.ACTIVE, bench.clock.instant())));

            OperatorOutcome outcome = bench.operator.update(id.value(),
                    OperatorBench.update(ValidMetadata.json(), "client_name", "\"Renamed\""), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Conflict.class);
            assertThat(bench.stored(id).metadata().text("client_name")).contains("Example App");
            assertThat(lastAudit().outcome()).isEqualTo("conflict");
        }

        @Test
        void answersNotFoundForNoSuchClient() {
            assertThat(bench.operator.update("client-000000000000099", ValidMetadata.metadata(), CALLER))
                    .isInstanceOf(OperatorOutcome.NotFound.class);
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly("client.update", "not_found");
        }

        @Test
        void reinstatesAWarningClientWhoseUpdatePassesTheReview() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            bench.fail(id, ClientStatus.WARNING, "/logo_uri", "https://app.example.com/logo.png");

            JsonNode view = shown(bench.operator.update(id.value(), ValidMetadata.metadata(), CALLER));

            ClientRecord after = bench.stored(id);
            assertThat(view.path("client_status").asText()).isEqualTo("active");
            assertThat(after.status()).isEqualTo(ClientStatus.ACTIVE);
            assertThat(after.checks().problems()).isEmpty();
            assertThat(after.checks().history()).last().extracting(StatusChange::from, StatusChange::to, StatusChange::reason)
                    .containsExactly(ClientStatus.WARNING, ClientStatus.ACTIVE, StatusChange.UPDATED);
            assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type, LifecycleEvent::previousStatus)
                    .containsExactly(tuple(LifecycleEvent.Type.REINSTATED, ClientStatus.WARNING));
            assertThat(after.checks().pendingEvents()).as("published through the outbox").isEmpty();
        }

        @Test
        void keepsAnOperatorSuspendedClientSuspended() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            bench.suspensions.suspend(id.value(), CALLER);

            JsonNode view = shown(bench.operator.update(id.value(),
                    OperatorBench.update(ValidMetadata.json(), "client_name", "\"Renamed\""), CALLER));

            ClientRecord after = bench.stored(id);
            assertThat(view.path("client_status").asText()).isEqualTo("suspended");
            assertThat(after.status()).isEqualTo(ClientStatus.SUSPENDED);
            assertThat(after.suspendedByOperator()).isTrue();
            assertThat(after.metadata().text("client_name")).contains("Renamed");
            assertThat(bench.events.statusEvents()).extracting(LifecycleEvent::type).containsExactly(LifecycleEvent.Type.SUSPENDED);
        }
    }

    @Nested
    class Delete {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Relaxation.class, names = {"CLIENT_CREDENTIALS_WITH_SECRET", "CLIENT_CREDENTIALS_WITH_JWKS", "NATIVE_APP"})
        void removesTheRecordAndSchedulesItsSecretForDeletion(Relaxation relaxation) {
            ClientId id = bench.registerManually(ValidManualMetadata.metadata(relaxation));

            assertThat(bench.operator.delete(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Deleted.class);

            assertThat(bench.store.find(id)).isEmpty();
            assertThat(bench.secrets.read(id)).isEmpty();
            assertThat(bench.secrets.scheduledDeletions()).isEqualTo(relaxation.secretIssued() ? List.of(id) : List.of());
            assertThat(bench.operator.read(id.value(), CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
            assertThat(bench.audit.actions()).extracting(OperatorAction::action, OperatorAction::subject, OperatorAction::outcome)
                    .contains(tuple("client.delete", id.value(), "done"));
        }

        @Test
        void removesAClientOfTheOpenPath() {
            ClientId id = new ClientId(bench.registerOpenly(ValidMetadata.metadata()).path("client_id").asText());

            assertThat(bench.operator.delete(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Deleted.class);

            assertThat(bench.store.find(id)).isEmpty();
            assertThat(bench.secrets.scheduledDeletions()).containsExactly(id);
        }

        @Test
        void refusesAUdapClientWhichItsCertificateHolderCancels() {
            ClientId id = bench.addUdapClient();

            OperatorOutcome outcome = bench.operator.delete(id.value(), CALLER);

            assertThat(outcome).isInstanceOf(OperatorOutcome.Refused.class);
            assertThat(((OperatorOutcome.Refused) outcome).error().error()).isEqualTo(RegistrationErrorCode.INVALID_REQUEST);
            assertThat(((OperatorOutcome.Refused) outcome).error().description()).contains("suspend it instead");
            assertThat(bench.store.find(id)).isPresent();
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly("client.delete", "refused");
        }

        @Test
        void answersConflictWhenTheClientChangedMeanwhile() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            bench.clients.interfereBefore(Operation.REPLACE, bench.clients.calls(Operation.REPLACE) + 1,
                    () -> bench.store.replace(bench.stored(id).withStatus(ClientStatus.ACTIVE, bench.clock.instant())));

            assertThat(bench.operator.delete(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Conflict.class);

            assertThat(bench.store.find(id)).isPresent();
            assertThat(bench.secrets.read(id)).isPresent();
            assertThat(lastAudit().outcome()).isEqualTo("conflict");
        }

        @Test
        void answersNotFoundForNoSuchClient() {
            assertThat(bench.operator.delete("client-000000000000099", CALLER)).isInstanceOf(OperatorOutcome.NotFound.class);
            assertThat(lastAudit()).extracting(OperatorAction::action, OperatorAction::outcome).containsExactly("client.delete", "not_found");
        }

        @Test
        void deletesEvenWhenTheAuditTrailIsDown() {
            ClientId id = bench.registerManually(ValidMetadata.metadata());
            bench.audit.failing();

            assertThat(bench.operator.delete(id.value(), CALLER)).isInstanceOf(OperatorOutcome.Deleted.class);
            assertThat(bench.store.find(id)).isEmpty();
        }
    }
}
