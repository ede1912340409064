package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;

import health.registration.testkit.AwsEmulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** {@link LambdaFunctionVersions} against moto's Lambda, through the production client, on functions of its own. */
class LambdaFunctionVersionsIT {

    private static LambdaClient lambda;
    private static String role;

    @BeforeAll
    static void requireEmulator() {
        lambda = AwsEmulator.client(LambdaClients::shared);
        try (IamClient iam = AwsEmulator.require(IamClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .region(software.amazon.awssdk.regions.Region.AWS_GLOBAL).build())) {
            role = iam.createRole(r -> r.roleName("versions-it-" + UUID.randomUUID())
                    .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).role().arn();
        }
    }

    @Test
    void deletesTheVersionsNoAliasPointsAtBeyondTheNewestKept() throws IOException {
        String function = functionWithVersions(6);
        lambda.createAlias(r -> r.functionName(function).name("live").functionVersion("6"));
        lambda.createAlias(r -> r.functionName(function).name("pinned").functionVersion("2"));
        List<String> problems = new ArrayList<>();

        int deleted = new LambdaFunctionVersions(LambdaVersionRequests.shared(), List.of(function), 3).prune(problems::add);

        assertThat(deleted).isEqualTo(2);
        assertThat(versions(function)).containsExactly("$LATEST", "2", "4", "5", "6");
        assertThat(problems).isEmpty();
    }

    @Test
    void aFunctionThatCannotBeListedIsReportedAndTheOthersArePruned() throws IOException {
        String function = functionWithVersions(3);
        lambda.createAlias(r -> r.functionName(function).name("live").functionVersion("3"));
        List<String> problems = new ArrayList<>();

        int deleted = new LambdaFunctionVersions(LambdaVersionRequests.shared(), List.of("no-such-function-" + UUID.randomUUID(), function), 1)
                .prune(problems::add);

        assertThat(deleted).isEqualTo(2);
        assertThat(versions(function)).containsExactly("$LATEST", "3");
        assertThat(problems).singleElement().asString().startsWith("version pruning of no-such-function-");
    }

    private static String functionWithVersions(int count) throws IOException {
        String function = "versions-it-" + UUID.randomUUID().toString().substring(0, 8);
        SdkBytes first = zip(0);
        lambda.createFunction(r -> r.functionName(function).runtime("java21").role(role).handler("a::b")
                .code(c -> c.zipFile(first)));
        // Each deploy changes the code and publishes it, as AutoPublishAlias does; unchanged code is no new version.
        for (int i = 1; i <= count; i++) {
            SdkBytes code = zip(i);
            lambda.updateFunctionCode(r -> r.functionName(function).zipFile(code));
            lambda.publishVersion(r -> r.functionName(function).description("deploy"));
        }
        return function;
    }

    private static List<String> versions(String function) {
        return lambda.listVersionsByFunction(r -> r.functionName(function)).versions().stream()
                .map(FunctionConfiguration::version).toList();
    }

    private static SdkBytes zip(int deploy) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("handler.txt"));
            zip.write(("deploy " + deploy).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return SdkBytes.fromByteArray(bytes.toByteArray());
    }
}
