package health.registration.core.udap;

import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import java.time.Instant;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.ClientId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import health.registration.core.port.WriteConflict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.RegistrationPath;
import health.registration.core.port.InMemoryClientEvents;
import java.util.List;
import health.registration.core.issue.IssuanceSettings;
import health.registration.core.issue.RegistrationOutcome;
import health.registration.core.issue.RegistrationReview;
import health.registration.core.model.ClientMetadata;
import health.registration.core.policy.Policies;
import health.registration.core.policy.PolicyContext;
import health.registration.core.policy.RegistrationErrorCode;
import health.registration.core.port.InMemoryJtiStore;
import health.registration.core.port.MutableClock;
import health.registration.core.port.RefreshingSecret;
import health.registration.core.port.InMemoryUdapClientStore;
import health.registration.core.port.InMemoryUrlProber;
import health.registration.core.port.SequentialIdSource;
import health.registration.core.probe.ProbeOutcome;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The UDAP path end to end over in-memory stores: verification, replay, policy, and the three outcomes. */
class UdapRegistrarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryUdapClientStore clients = new InMemoryUdapClientStore();
    private final InMemoryJtiStore jtis = new InMemoryJtiStore();
    private final InMemoryUrlProber prober = new InMemoryUrlProber();
    private final UdapRegistrar registrar = new UdapRegistrar(VerifierFixture.verifier(),
            new RegistrationReview(Policies.udapRegistration(), new PolicyContext(URI.create("https://manual.example.org/register")), prober),
            new UdapStores(clients, jtis), new SequentialIdSource(), VerifierFixture.CLOCK,
            IssuanceSettings.of(URI.create("https://fhir.example.org/oauth"), Duration.ZERO));

    /** Client-credentials claims that also meet the vendor policy: every URL member, contacts in the client's domain. */
    private static ObjectNode clientCredentials() {
        ObjectNode claims = VerifierFixture.claims();
        claims.put("client_uri", "https://app.example.com");
        claims.put("tos_uri", "https://app.example.com/terms");
        claims.put("policy_uri", "https://app.example.com/privacy");
        return claims;
    }

    private static ObjectNode authorizationCode() {
        ObjectNode claims = clientCredentials();
        claims.putArray("redirect_uris").add("https://app.example.com/callback");
        claims.putArray("grant_types").add("authorization_code").add("refresh_token");
        claims.putArray("response_types").add("code");
        return claims;
    }

    private static ObjectNode fresh(ObjectNode claims) {
        ObjectNode copy = claims.deepCopy();
        copy.put("jti", java.util.UUID.randomUUID().toString());
        return copy;
    }

    private RegistrationOutcome register(String statement) {
        ObjectNode body = JSON.createObjectNode().put("software_statement", statement).put("udap", "1");
        body.putArray("certifications");
        return registrar.register(new UdapRequest(ClientMetadata.of(body)));
    }

    private static JsonNode answer(RegistrationOutcome outcome) throws Exception {
        String text = outcome instanceof RegistrationOutcome.Registered r ? r.answer() : ((RegistrationOutcome.Modified) outcome).answer();
        return JSON.readTree(text);
    }

    private static RegistrationErrorCode refusal(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Refused.class);
        return ((RegistrationOutcome.Refused) outcome).error().error();
    }

    @Test
    void registersAClientCredentialsClientEchoingTheStatementAndItsParametersExactly() throws Exception {
        ObjectNode claims = clientCredentials();
        String statement = VerifierFixture.statement(claims);

        RegistrationOutcome outcome = register(statement);

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Registered.class);
        JsonNode answer = answer(outcome);
        assertThat(answer.path("software_statement").asText()).isEqualTo(statement);
        assertThat(answer.path("client_id").asText()).isNotBlank();
        for (String member : new String[] {"client_name", "grant_types", "token_endpoint_auth_method", "scope", "contacts", "logo_uri"}) {
            assertThat(answer.get(member)).as(member).isEqualTo(claims.get(member));
        }
        assertThat(answer.has("client_secret")).isFalse();
        assertThat(answer.has("registration_access_token")).isFalse();
        for (String jwtClaim : UdapAnswer.JWT_CLAIMS) {
            assertThat(answer.has(jwtClaim)).as(jwtClaim).isFalse();
        }
        ClientRecord stored = clients.findByIssuer(VerifierFixture.COMMUNITY, VerifierFixture.CLIENT_URI).orElseThrow();
        assertThat(stored.credentials().certificate().issuer()).isEqualTo(VerifierFixture.CLIENT_URI);
        assertThat(stored.credentials().certificate().thumbprint()).isNotBlank();
        assertThat(stored.credentials().secretArn()).isNull();
        assertThat(stored.credentials().registrationTokenHash()).isNull();
    }

    @Test
    void storesAndAnswersOnlyTheGrantedScopesInTheRequestedOrder() throws Exception {
        UdapRegistrar granting = new UdapRegistrar(VerifierFixture.verifier(), new RegistrationReview(Policies.udapRegistration(),
                new PolicyContext(URI.create("https://manual.example.org/register")).withSupportedScopes(
                        health.registration.core.model.SupportedScopes.parse("system/*.rs openid").value()), prober),
                new UdapStores(clients, jtis), new SequentialIdSource(), VerifierFixture.CLOCK,
                IssuanceSettings.of(URI.create("https://fhir.example.org/oauth"), Duration.ZERO));
        ObjectNode claims = clientCredentials().put("scope", "system/Observation.rs system/Patient.cruds system/Patient.r");
        ObjectNode body = JSON.createObjectNode().put("software_statement", VerifierFixture.statement(claims)).put("udap", "1");

        JsonNode answer = answer(granting.register(new UdapRequest(ClientMetadata.of(body))));

        // UDAP IG STU2 general §7.3: a subset may be granted; the answer and the record say which.
        assertThat(answer.path("scope").asText()).isEqualTo("system/Observation.rs system/Patient.r");
        assertThat(answer.get("grant_types")).isEqualTo(claims.get("grant_types"));
        ClientRecord stored = clients.findByIssuer(VerifierFixture.COMMUNITY, VerifierFixture.CLIENT_URI).orElseThrow();
        assertThat(stored.metadata().text("scope")).contains("system/Observation.rs system/Patient.r");
    }

    @Test
    void neitherStoresNorEchoesANotBeforeClaim() throws Exception {
        ObjectNode claims = clientCredentials();
        claims.put("nbf", claims.path("iat").asLong());

        JsonNode answer = answer(register(VerifierFixture.statement(claims)));

        assertThat(answer.has("nbf")).isFalse();
        ClientRecord stored = clients.findByIssuer(VerifierFixture.COMMUNITY, VerifierFixture.CLIENT_URI).orElseThrow();
        assertThat(stored.metadata().toJson().has("nbf")).isFalse();
    }

    @Test
    void registersAnAuthorizationCodeClientWithArraysInTheOrderSent() throws Exception {
        ObjectNode claims = authorizationCode();

        JsonNode answer = answer(register(VerifierFixture.statement(claims)));

        assertThat(answer.get("grant_types")).isEqualTo(claims.get("grant_types"));
        assertThat(answer.get("redirect_uris")).isEqualTo(claims.get("redirect_uris"));
        assertThat(answer.get("response_types")).isEqualTo(claims.get("response_types"));
    }

    @Test
    void refusesANewClientPastItsDomainsLimitButStillModifiesAKnownOne() throws Exception {
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong(1);
        UdapRegistrar limited = registrar.withDomainLimit(new health.registration.core.issue.ClientsPerDomain(
                domain -> domain.equals("example.com") ? counted.get() : 0, 1, URI.create("https://manual.example.org/register")));
        ObjectNode body = JSON.createObjectNode().put("software_statement", VerifierFixture.statement(clientCredentials()))
                .put("udap", "1");
        body.putArray("certifications");

        RegistrationOutcome refused = limited.register(new UdapRequest(ClientMetadata.of(body)));

        assertThat(refusal(refused)).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(((RegistrationOutcome.Refused) refused).error().errors().get(0).field()).isEqualTo("/client_uri");
        assertThat(((RegistrationOutcome.Refused) refused).error().description()).contains("https://manual.example.org/register");
        assertThat(clients.registrations()).isZero();

        counted.set(0);
        body.put("software_statement", VerifierFixture.statement(fresh(clientCredentials())));
        assertThat(limited.register(new UdapRequest(ClientMetadata.of(body)))).isInstanceOf(RegistrationOutcome.Registered.class);
        counted.set(1);
        body.put("software_statement", VerifierFixture.statement(fresh(clientCredentials()).put("client_name", "Renamed")));
        assertThat(limited.register(new UdapRequest(ClientMetadata.of(body)))).as("a modification is no new client")
                .isInstanceOf(RegistrationOutcome.Modified.class);
    }

    @Test
    void modifiesTheRegistrationOfAKnownIssuerKeepingItsClientId() throws Exception {
        JsonNode first = answer(register(VerifierFixture.statement(clientCredentials())));
        ObjectNode renamed = fresh(clientCredentials()).put("client_name", "Renamed UDAP Client");

        RegistrationOutcome outcome = register(VerifierFixture.statement(renamed));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Modified.class);
        assertThat(answer(outcome).path("client_id").asText()).isEqualTo(first.path("client_id").asText());
        assertThat(clients.registrations()).isOne();
        assertThat(clients.findByIssuer(VerifierFixture.COMMUNITY, VerifierFixture.CLIENT_URI).orElseThrow().metadata()
                .text("client_name")).contains("Renamed UDAP Client");
    }

    @Test
    void switchesAKnownIssuerToTheOtherGrantByModification() throws Exception {
        JsonNode first = answer(register(VerifierFixture.statement(clientCredentials())));

        RegistrationOutcome outcome = register(VerifierFixture.statement(fresh(authorizationCode())));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Modified.class);
        assertThat(answer(outcome).path("client_id")).isEqualTo(first.path("client_id"));
        assertThat(answer(outcome).get("grant_types").get(0).asText()).isEqualTo("authorization_code");
    }

    @Test
    void cancelsTheRegistrationWhenGrantTypesIsEmpty() throws Exception {
        JsonNode first = answer(register(VerifierFixture.statement(clientCredentials())));
        ObjectNode cancel = fresh(clientCredentials());
        cancel.putArray("grant_types");

        RegistrationOutcome outcome = register(VerifierFixture.statement(cancel));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Modified.class);
        assertThat(answer(outcome).path("client_id")).isEqualTo(first.path("client_id"));
        assertThat(answer(outcome).get("grant_types")).isEmpty();
        assertThat(clients.registrations()).isZero();
    }

    @Test
    void registrationModificationRebindingAndCancellationPublishTheirChangeEventsWithGrowingVersions() throws Exception {
        InMemoryClientEvents events = new InMemoryClientEvents();
        UdapRegistrar publishing = new UdapRegistrar(VerifierFixture.verifier(),
                new RegistrationReview(Policies.udapRegistration(), new PolicyContext(URI.create("https://manual.example.org/register")), prober),
                new UdapStores(clients, jtis, events), new SequentialIdSource(), VerifierFixture.CLOCK,
                IssuanceSettings.of(URI.create("https://fhir.example.org/oauth"), Duration.ZERO));
        TestCredential newLeaf = VerifierFixture.PKI.rsaLeaf(VerifierFixture.CLIENT_URI);
        ObjectNode cancel = fresh(clientCredentials());
        cancel.putArray("grant_types");

        for (String statement : List.of(VerifierFixture.statement(clientCredentials()),
                VerifierFixture.statement(fresh(clientCredentials()).put("client_name", "Renamed UDAP Client")),
                SoftwareStatements.sign(newLeaf, VerifierFixture.PKI.chain(newLeaf), fresh(clientCredentials())),
                VerifierFixture.statement(cancel))) {
            ObjectNode body = JSON.createObjectNode().put("software_statement", statement).put("udap", "1");
            body.putArray("certifications");
            assertThat(publishing.register(new UdapRequest(ClientMetadata.of(body))))
                    .isNotInstanceOf(RegistrationOutcome.Refused.class);
        }

        assertThat(events.published()).extracting(e -> e.type().detailType()).containsExactly("ClientRegistered",
                "ClientUpdated", "ClientCertificateRebound", "ClientDeleted");
        assertThat(events.published()).extracting(e -> e.change().version()).isSorted().doesNotHaveDuplicates();
        assertThat(events.published()).allSatisfy(e -> assertThat(e.change().path()).isEqualTo(RegistrationPath.UDAP));
        assertThat(events.published().get(2).change().certificate().thumbprint())
                .isNotEqualTo(events.published().get(1).change().certificate().thumbprint());
        assertThat(clients.registrations()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        an operator's suspension                       | suspended_by_operator
        a suspension for the certificate's revocation  | certificate_revoked
        """)
    void refusesToCancelAClientAnOperatorSuspendedSoTheSuspensionSurvivesANewRegistration(String reason, String code)
            throws Exception {
        String clientId = answer(register(VerifierFixture.statement(clientCredentials()))).path("client_id").asText();
        ClientRecord registered = clients.clients().find(new ClientId(clientId)).orElseThrow();
        Instant now = VerifierFixture.CLOCK.instant();
        clients.clients().replace(registered.next(ClientStatus.SUSPENDED, registered.metadata(), registered.credentials(),
                registered.checks().withChange(new StatusChange(now, ClientStatus.ACTIVE, ClientStatus.SUSPENDED, code)), now));
        ObjectNode cancel = fresh(clientCredentials());
        cancel.putArray("grant_types");

        RegistrationOutcome cancelled = register(VerifierFixture.statement(cancel));
        RegistrationOutcome again = register(VerifierFixture.statement(fresh(clientCredentials())));

        assertThat(refusal(cancelled)).as(reason).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(((RegistrationOutcome.Refused) cancelled).error().description()).contains("suspended");
        assertThat(again).isInstanceOf(RegistrationOutcome.Modified.class);
        assertThat(answer(again).path("client_id").asText()).isEqualTo(clientId);
        assertThat(clients.clients().find(new ClientId(clientId)).orElseThrow().status()).isEqualTo(ClientStatus.SUSPENDED);
    }

    @Test
    void refusesToCancelWhatWasNeverRegistered() {
        ObjectNode cancel = clientCredentials();
        cancel.putArray("grant_types");

        assertThat(refusal(register(VerifierFixture.statement(cancel)))).isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
    }

    @Test
    void refusesAReplayedStatementAndStoresNothingMore() {
        String statement = VerifierFixture.statement(clientCredentials());
        register(statement);

        assertThat(refusal(register(statement))).isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
        assertThat(clients.registrations()).isOne();
    }

    @Test
    void refusesAStatementTheVerifierRejectsAndStoresNothing() {
        ObjectNode claims = clientCredentials();
        claims.put("iss", "invalid_iss").put("sub", "invalid_iss");

        assertThat(refusal(register(VerifierFixture.statement(claims)))).isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
        assertThat(clients.registrations()).isZero();
        assertThat(jtis.size()).isZero();
    }

    @Test
    void refusesParametersThatBreakThePolicyWithoutConsumingTheJti() {
        ObjectNode claims = clientCredentials();
        claims.putArray("redirect_uris").add("https://app.example.com/callback");

        assertThat(refusal(register(VerifierFixture.statement(claims)))).isEqualTo(RegistrationErrorCode.INVALID_REDIRECT_URI);
        assertThat(clients.registrations()).isZero();
        assertThat(jtis.size()).isZero();
    }

    @Test
    void refusesUrlsThatProbingFinds() {
        prober.failing("https://app.example.com/logo.png", ProbeOutcome.NOT_AN_IMAGE);

        assertThat(refusal(register(VerifierFixture.statement(clientCredentials()))))
                .isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(clients.registrations()).isZero();
    }

    @Test
    void refusesARequestWithoutUdapOneOrWithoutAStatement() {
        ObjectNode noVersion = JSON.createObjectNode().put("software_statement", VerifierFixture.statement(clientCredentials()));
        ObjectNode noStatement = JSON.createObjectNode().put("udap", "1");

        assertThat(refusal(registrar.register(new UdapRequest(ClientMetadata.of(noVersion)))))
                .isEqualTo(RegistrationErrorCode.INVALID_CLIENT_METADATA);
        assertThat(refusal(registrar.register(new UdapRequest(ClientMetadata.of(noStatement)))))
                .isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
    }

    /**
     * The anchors as the functions hold them, a refreshing secret: one registrar instance (a warm function) refuses
     * a community once it is distrusted in the secret and the refresh interval has passed, without being rebuilt.
     */
    @Test
    void refusesADistrustedCommunityOnceTheWarmRegistrarReReadsItsAnchors() {
        MutableClock clock = MutableClock.at(TestPki.NOW);
        String[] anchorsText = {PKI_ANCHORS};
        RefreshingSecret<TrustAnchors> anchors = new RefreshingSecret<>("UDAP_TRUST_ANCHORS_SECRET (test)",
                () -> anchorsText[0], TrustAnchors::parse, RefreshingSecret.Timing.every(Duration.ofSeconds(60)), clock,
                line -> { });
        UdapRegistrar warm = new UdapRegistrar(new SoftwareStatementVerifier(anchors, VerifierFixture.crls(),
                RevocationFailureMode.REJECT, clock, URI.create(VerifierFixture.ENDPOINT)),
                new RegistrationReview(Policies.udapRegistration(), new PolicyContext(URI.create("https://manual.example.org/register")), prober),
                new UdapStores(clients, jtis), new SequentialIdSource(), clock,
                IssuanceSettings.of(URI.create("https://fhir.example.org/oauth"), Duration.ZERO));
        assertThat(registerWith(warm, fresh(clientCredentials()))).isInstanceOf(RegistrationOutcome.Registered.class);

        anchorsText[0] = "# community alpha distrusted\n";
        clock.advance(Duration.ofSeconds(59));
        assertThat(registerWith(warm, fresh(clientCredentials()))).as("before the refresh")
                .isInstanceOf(RegistrationOutcome.Modified.class);
        clock.advance(Duration.ofSeconds(1));

        assertThat(refusal(registerWith(warm, fresh(clientCredentials()))))
                .isEqualTo(RegistrationErrorCode.UNAPPROVED_SOFTWARE_STATEMENT);
    }

    private static final String PKI_ANCHORS = VerifierFixture.PKI.anchorPem(VerifierFixture.COMMUNITY);

    private static RegistrationOutcome registerWith(UdapRegistrar registrar, ObjectNode claims) {
        ObjectNode body = JSON.createObjectNode().put("software_statement", VerifierFixture.statement(claims)).put("udap", "1");
        return registrar.register(new UdapRequest(ClientMetadata.of(body)));
    }

    /** The same registrar over other stores. */
    private UdapRegistrar over(UdapClientStore store, JtiStore jtiStore) {
        return new UdapRegistrar(VerifierFixture.verifier(),
                new RegistrationReview(Policies.udapRegistration(), new PolicyContext(URI.create("https://manual.example.org/register")), prober),
                new UdapStores(store, jtiStore), new SequentialIdSource(), VerifierFixture.CLOCK,
                IssuanceSettings.of(URI.create("https://fhir.example.org/oauth"), Duration.ZERO));
    }

    private static RegistrationOutcome register(UdapRegistrar registrar, String statement) {
        ObjectNode body = JSON.createObjectNode().put("software_statement", statement).put("udap", "1");
        body.putArray("certifications");
        return registrar.register(new UdapRequest(ClientMetadata.of(body)));
    }

    /** A jti store where a concurrent request with the same statement records its jti between the check and the record. */
    private final JtiStore racedJtis = new JtiStore() {
        @Override
        public boolean seen(String issuer, String jti, java.time.Instant now) {
            return jtis.seen(issuer, jti, now);
        }

        @Override
        public boolean record(String issuer, String jti, java.time.Instant expiresAt, java.time.Instant now) {
            jtis.record(issuer, jti, expiresAt, now);
            return jtis.record(issuer, jti, expiresAt, now);
        }
    };

    /** The client store as read before a concurrent first registration of the same issuer ({@code hidden} reads). */
    private final class LateReads implements UdapClientStore {
        private int hidden;

        LateReads(int hidden) {
            this.hidden = hidden;
        }

        @Override
        public java.util.Optional<ClientRecord> findByIssuer(String community, String issuer) {
            return hidden-- > 0 ? java.util.Optional.empty() : clients.findByIssuer(community, issuer);
        }

        @Override
        public List<ClientRecord> boundTo(String thumbprint) {
            return clients.boundTo(thumbprint);
        }

        @Override
        public void register(ClientRecord record) {
            clients.register(record);
        }

        @Override
        public void replace(ClientRecord replacement) {
            clients.replace(replacement);
        }

        @Override
        public void cancel(ClientRecord record) {
            clients.cancel(record);
        }
    }

    @Test
    void refusesAStatementWhoseJtiAConcurrentRequestRecordedFirst() {
        assertThat(refusal(register(over(clients, racedJtis), VerifierFixture.statement(clientCredentials()))))
                .isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
        assertThat(clients.registrations()).isZero();
    }

    @Test
    void refusesACancellationWhoseJtiAConcurrentRequestRecordedFirst() throws Exception {
        register(VerifierFixture.statement(clientCredentials()));
        ObjectNode cancel = fresh(clientCredentials());
        cancel.putArray("grant_types");

        assertThat(refusal(register(over(clients, racedJtis), VerifierFixture.statement(cancel))))
                .isEqualTo(RegistrationErrorCode.INVALID_SOFTWARE_STATEMENT);
        assertThat(clients.registrations()).as("still registered").isOne();
    }

    @Test
    void modifiesTheRegistrationThatAConcurrentFirstRegistrationWon() throws Exception {
        JsonNode first = answer(register(VerifierFixture.statement(clientCredentials())));
        ObjectNode renamed = fresh(clientCredentials()).put("client_name", "Renamed UDAP Client");

        RegistrationOutcome outcome = register(over(new LateReads(1), jtis), VerifierFixture.statement(renamed));

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Modified.class);
        assertThat(answer(outcome).path("client_id").asText()).isEqualTo(first.path("client_id").asText());
        assertThat(clients.registrations()).isOne();
        assertThat(clients.findByIssuer(VerifierFixture.COMMUNITY, VerifierFixture.CLIENT_URI).orElseThrow().metadata()
                .text("client_name")).contains("Renamed UDAP Client");
    }

    @Test
    void passesOnAConflictWhenTheWinnerIsGoneBeforeItIsReadAgain() {
        register(VerifierFixture.statement(clientCredentials()));
        UdapRegistrar late = over(new LateReads(2), jtis);
        String statement = VerifierFixture.statement(fresh(clientCredentials()));

        assertThatThrownBy(() -> register(late, statement)).isInstanceOf(WriteConflict.class);
    }
}
