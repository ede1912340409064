package health.registration.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.registration.core.issue.CertificateBinding;
import health.registration.core.issue.CheckProblem;
import health.registration.core.issue.ClientId;
import health.registration.core.issue.ClientRecord;
import health.registration.core.issue.ClientStatus;
import health.registration.core.issue.Credentials;
import health.registration.core.issue.FailureKind;
import health.registration.core.issue.LifecycleEvent;
import health.registration.core.issue.RegistrationAccessToken;
import health.registration.core.issue.SecureRandomIdSource;
import health.registration.core.issue.StatusChange;
import health.registration.core.issue.UrlChecks;
import health.registration.core.model.ClientMetadata;
import health.registration.core.model.UrlField;
import health.registration.core.probe.ProbeOutcome;
import health.registration.core.probe.ProbeReport;
import health.registration.core.probe.ProbeResult;
import health.registration.core.probe.ProbeVerdict;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Client records to store, with every optional part present or absent, and a field-by-field comparison. */
final class ClientRecords {

    /** Instants to the millisecond, as the table keeps them. */
    static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123Z");

    // Read as the edge reads request bodies: floats as BigDecimal.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final SecureRandomIdSource IDS = new SecureRandomIdSource();

    private ClientRecords() {}

    static ClientId newId() {
        return IDS.newClientId();
    }

    /** An active client with a secret, a last check and its report. */
    static ClientRecord active(ClientId id) {
        Instant updated = CREATED.plus(Duration.ofMillis(2_500));
        return new ClientRecord(id, ClientStatus.ACTIVE, metadata(),
                new Credentials("arn:aws:secretsmanager:us-east-1:123456789012:secret:fhir-registration/clients/"
                        + id.value() + "-AbCdEf", token().hash(), CREATED, 1_767_225_600L),
                new UrlChecks(CREATED.plusMillis(1), report(), updated.plus(Duration.ofDays(30))),
                CREATED, updated, 2);
    }

    /** An active client whose last RFC 7592 read kept the token it replaced as the previous one. */
    static ClientRecord readRecently(ClientId id) {
        ClientRecord active = active(id);
        Credentials credentials = active.credentials().rotatedOnRead(token().hash(), Credentials.HeldToken.CURRENT,
                active.updatedAt().plusMillis(250));
        return active.next(active.status(), active.metadata(), credentials, active.checks(), active.updatedAt().plusMillis(250));
    }

    /** A pending client: no secret yet, never checked, no report, a secret that never expires. */
    static ClientRecord pending(ClientId id) {
        return new ClientRecord(id, ClientStatus.PENDING, metadata(), new Credentials(null, token().hash(), CREATED, 0),
                new UrlChecks(null, null, CREATED.plus(Duration.ofMinutes(15))), CREATED, CREATED, 1);
    }

    /** An active UDAP client bound to a certificate: no secret, no registration access token. */
    static ClientRecord udap(ClientId id, String community, String issuer) {
        Instant updated = CREATED.plusMillis(750);
        return new ClientRecord(id, ClientStatus.ACTIVE, metadata(),
                Credentials.ofCertificate(binding(community, issuer), CREATED),
                new UrlChecks(CREATED.plusMillis(1), report(), updated.plus(Duration.ofDays(30))),
                CREATED, updated, 1);
    }

    /** The next version of a UDAP client, bound to a renewed certificate of the same community and issuer (UDAP DCR §6). */
    static ClientRecord renewed(ClientRecord record, long millisLater) {
        CertificateBinding old = record.credentials().certificate();
        CertificateBinding renewed = new CertificateBinding(old.issuer(), old.community(), "MIIBrenewed", "renewed-thumbprint");
        return record.next(record.status(), record.metadata(),
                Credentials.ofCertificate(renewed, record.credentials().issuedAt()), record.checks(),
                record.updatedAt().plusMillis(millisLater));
    }

    /** A binding to a made-up certificate: its DER is not parsed here, only stored. */
    static CertificateBinding binding(String community, String issuer) {
        return new CertificateBinding(issuer, community, "MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGUgYnl0ZXM=",
                "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg");
    }

    /**
     * A client whose URL checks keep failing, with every member of its checks set: failures in a row, problems, the
     * run that last checked it, a history and an event not yet published. WARNING or SUSPENDED.
     */
    static ClientRecord failing(ClientId id, ClientStatus status) {
        ClientRecord active = active(id);
        Instant checked = active.updatedAt().plus(Duration.ofDays(30));
        Instant firstFailed = checked.minus(Duration.ofDays(8));
        List<CheckProblem> problems = List.of(
                new CheckProblem("/logo_uri", "https://app.example.org/logo.png", "not_found", FailureKind.HARD,
                        "logo_uri answered 404; publish the logo or remove logo_uri"),
                new CheckProblem("/tos_uri", "https://app.example.org/terms", "timeout", FailureKind.TRANSIENT,
                        "tos_uri did not answer in time"));
        List<StatusChange> history = List.of(
                new StatusChange(firstFailed, ClientStatus.ACTIVE, ClientStatus.WARNING, StatusChange.URL_CHECK_FAILED),
                new StatusChange(checked, ClientStatus.WARNING, status, status == ClientStatus.SUSPENDED
                        ? StatusChange.FAILURES_PERSISTED : StatusChange.URL_CHECK_FAILED));
        LifecycleEvent event = new LifecycleEvent(id.value() + ":" + (active.version() + 1),
                status == ClientStatus.SUSPENDED ? LifecycleEvent.Type.SUSPENDED : LifecycleEvent.Type.URL_CHECK_FAILED,
                id, "Example Health App", List.of("dev@app.example.org"), checked, ClientStatus.WARNING, status, 3,
                firstFailed, status == ClientStatus.SUSPENDED ? null : firstFailed.plus(Duration.ofDays(14)), problems);
        UrlChecks checks = new UrlChecks(checked, report(), checked.plus(Duration.ofHours(6)), 3, firstFailed, problems,
                "run-20250331T0300Z", history, List.of(event));
        return active.next(status, active.metadata(), active.credentials(), checks, checked);
    }

    /** A client of the status that is due at the time. */
    static ClientRecord dueAt(ClientStatus status, Instant nextCheckAt) {
        ClientRecord pending = pending(newId());
        return new ClientRecord(pending.clientId(), status, pending.metadata(), pending.credentials(),
                new UrlChecks(null, null, nextCheckAt), CREATED, CREATED, 1);
    }

    static ClientMetadata metadata() {
        try {
            return ClientMetadata.of((ObjectNode) JSON.readTree("""
                    {"client_name": "Example Health App",
                     "client_name#ja-Jpan-JP": "健康アプリ",
                     "redirect_uris": ["https://app.example.org/callback"],
                     "grant_types": ["authorization_code"],
                     "token_endpoint_auth_method": "client_secret_basic",
                     "default_max_age": 123456789012345678901234567890,
                     "require_auth_time": false,
                     "jwks": {"keys": [{"kty": "EC", "ratio": 2.50, "none": null, "flags": [true, false]}]}}
                    """));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProbeReport report() {
        return new ProbeReport(List.of(new ProbeResult(UrlField.REDIRECT_URI, "/redirect_uris/0",
                "https://app.example.org/callback", ProbeOutcome.OK, 200, null, List.of("203.0.113.10", "2001:db8::10"),
                37, ProbeVerdict.PASS, "")));
    }

    static RegistrationAccessToken token() {
        return IDS.newRegistrationAccessToken();
    }

    /** Equal field by field; the metadata, which has no value equality, by its JSON. */
    static void assertSameRecord(ClientRecord actual, ClientRecord expected) {
        assertThat(actual.clientId()).isEqualTo(expected.clientId());
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.metadata().toJson()).isEqualTo(expected.metadata().toJson());
        assertThat(actual.metadata().names()).containsExactlyElementsOf(expected.metadata().names());
        assertThat(actual.credentials()).isEqualTo(expected.credentials());
        assertThat(actual.checks()).isEqualTo(expected.checks());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
        assertThat(actual.version()).isEqualTo(expected.version());
    }
}
