package health.registration.local;

import health.registration.template.TableDefinition;
import health.registration.template.TableDefinition.Outcome;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Creates the template's tables ({@link TemplateTables}) in the local AWS emulator, moto server, before the API
 * serves, so the handlers find them. Only an emulator on a loopback address is touched: nothing here ever creates
 * a table in AWS. A table that exists already is left as it is, data and all.
 */
public final class EmulatorTables {

    /** Where the emulator listens; {@code scripts/local-api} starts moto server and sets it when it is unset. */
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    /** The region the tables are created in, as the handlers' SDK clients read it. */
    public static final String REGION = "AWS_REGION";

    /** One table and what happened to it. */
    public record Result(TableDefinition table, Outcome outcome) {}

    private EmulatorTables() {}

    /**
     * The runner's start-up step: with {@code AWS_ENDPOINT_URL} on a loopback address, creates the template's
     * tables there and reports each on {@code log}; otherwise reports why it creates none.
     *
     * @throws IllegalArgumentException when a table cannot be named (see {@link TemplateTables#of})
     * @throws software.amazon.awssdk.core.exception.SdkException when the emulator cannot be reached or refuses
     */
    public static void prepare(SamTemplate template, Map<String, String> environment, PrintStream log) {
        String endpoint = environment.get(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            log.println("local-api: " + ENDPOINT + " is not set, so no tables were created (scripts/local-api starts "
                    + "moto server and sets it)");
            return;
        }
        Optional<URI> loopback = loopbackEndpoint(endpoint);
        if (loopback.isEmpty()) {
            log.println("local-api: " + ENDPOINT + "=" + endpoint + " is not on a loopback address; the template's "
                    + "tables are created only in a local emulator, never in AWS, so none were created");
            return;
        }
        List<TableDefinition> tables = TemplateTables.of(template, environment);
        try (DynamoDbClient dynamo = client(loopback.get(), environment)) {
            for (Result result : create(dynamo, tables)) {
                log.println("local-api: table " + result.table().tableName() + " (" + result.table().logicalId() + ", "
                        + result.table().variable() + ") " + (result.outcome() == Outcome.CREATED
                        ? "created" : "already existed; left as it is") + " at " + endpoint);
            }
        }
    }

    /**
     * The endpoint when every address of its host is a loopback address, else empty (also for what is no URL).
     * A host name is resolved: {@code localhost} passes, a name of AWS does not.
     */
    public static Optional<URI> loopbackEndpoint(String endpoint) {
        try {
            URI uri = URI.create(endpoint.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return Optional.empty();
            }
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    return Optional.empty();
                }
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException | UnknownHostException notLoopback) {
            return Optional.empty();
        }
    }

    /**
     * A client of the emulator at {@code endpoint}, region from {@code AWS_REGION} (else the SDK's default chain,
     * as the handlers' clients), credentials from the SDK's default chain. The endpoint is set explicitly, not left
     * to the SDK, so the client talks to the endpoint that was checked, whatever else the SDK's configuration says.
     */
    public static DynamoDbClient client(URI endpoint, Map<String, String> environment) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint);
        String region = environment.get(REGION);
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.strip()));
        }
        return builder.build();
    }

    /** Creates each table that does not exist yet, then enables its TTL; existing tables are not changed. */
    public static List<Result> create(DynamoDbClient dynamo, List<TableDefinition> tables) {
        List<Result> results = new ArrayList<>();
        for (TableDefinition table : tables) {
            results.add(new Result(table, table.createIn(dynamo)));
        }
        return results;
    }
}
