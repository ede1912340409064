package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's client class, with its holder and the shared settings, names no other service's classes: a
 * function's minimised package keeps every class its own classes name, so a function that names one service's class
 * carries that service's model alone (benchmarks/README.md, "Package sizes").
 */
class ServiceClientClassesTest {

    private static final Pattern SERVICE = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/");

    @ParameterizedTest
    @CsvSource({
        "DynamoDbClients, dynamodb",
        "DynamoDbClients$Holder, dynamodb",
        "LambdaClients, lambda",
        "LambdaClients$Holder, lambda",
        "EventBridgeClients, eventbridge",
        "EventBridgeClients$Holder, eventbridge",
        "SqsClients, sqs",
        "SqsClients$Holder, sqs",
        "DynamoDbRequests, dynamodb",
        "SqsRequests, sqs",
    })
    void namesOnlyItsOwnService(String simpleName, String service) throws IOException {
        assertThat(servicesNamedBy(simpleName)).containsExactly(service);
    }

    /**
     * What the functions reach to call Lambda names no Lambda model: they invoke the probe function through
     * {@link LambdaInvoke}, so the Lambda client (the biggest service model) stays out of their packages
     * (docs/performance-packages.md); the cleanup prunes versions through {@link LambdaVersionRequests}. Only
     * {@link LambdaClients}, which the tests use, names it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"LambdaInvoke", "LambdaInvoke$Holder", "LambdaInvoke$Answer", "ServiceClients", "AwsClients",
        "AwsClients$1", "OfflineClients", "OfflineEndpoint", "OfflineAnswers", "LambdaUrlProber", "LambdaCrlSource",
        "LambdaIssuerCertificateSource", "LambdaChallengeSite", "LambdaVersionRequests", "LambdaVersionRequests$Holder",
        "LambdaFunctionVersions", "SignedRequests"})
    void theProbeFunctionsCallersNameNoLambdaModel(String simpleName) throws IOException {
        assertThat(servicesNamedBy(simpleName)).doesNotContain("lambda");
    }

    /** The issuing functions' shared clients name no SQS model: only the reverify function fans out to SQS. */
    @ParameterizedTest
    @ValueSource(strings = {"ServiceClients", "AwsClients", "AwsClients$1", "OfflineClients", "OfflineEndpoint",
        "OfflineAnswers"})
    void theSharedClientsNameNoSqsModel(String simpleName) throws IOException {
        assertThat(servicesNamedBy(simpleName)).doesNotContain("sqs");
    }

    /** Events and the audit trail go through {@link EventBridgePutEvents}: no class on their way names EventBridge's model. */
    @ParameterizedTest
    @ValueSource(strings = {"EventBridgePutEvents", "EventBridgePutEvents$Holder", "EventBridgePutEvents$Entry",
        "EventBridgePutEvents$Result", "SignedRequests", "EventBridgeClientEvents", "EventBridgeOperatorAudit",
        "ServiceClients", "AwsClients", "AwsClients$1", "OfflineClients", "OfflineEndpoint", "OfflineAnswers"})
    void theEventsNameNoEventBridgeModel(String simpleName) throws IOException {
        assertThat(servicesNamedBy(simpleName)).doesNotContain("eventbridge");
    }

    /** Secrets go through {@link SecretsManagerRequests}: no class on their way names Secrets Manager's model. */
    @ParameterizedTest
    @ValueSource(strings = {"SecretsManagerRequests", "SecretsManagerRequests$Holder", "ServiceError", "SignedRequests",
        "ServiceClients", "AwsClients", "AwsClients$1", "OfflineClients", "OfflineEndpoint", "OfflineAnswers"})
    void theSecretsNameNoSecretsManagerModel(String simpleName) throws IOException {
        assertThat(servicesNamedBy(simpleName)).doesNotContain("secretsmanager");
    }

    @ParameterizedTest
    @CsvSource({"ClientSettings", "ModelJson", "ModelCalls", "SignedRequests", "OfflineEndpoint", "Sender"})
    void theSharedSettingsNameNoService(String simpleName) throws IOException {
        assertThat(servicesNamedBy(simpleName)).isEmpty();
    }

    /** The SDK services whose classes the class file names (its constant pool's names are ASCII). */
    private static Set<String> servicesNamedBy(String simpleName) throws IOException {
        try (InputStream in = ServiceClientClassesTest.class.getResourceAsStream(simpleName + ".class")) {
            assertThat(in).as(simpleName + ".class").isNotNull();
            Matcher named = SERVICE.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            Set<String> services = new TreeSet<>();
            while (named.find()) {
                services.add(named.group(1));
            }
            return services;
        }
    }
}
