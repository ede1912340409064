package health.registration.adapters.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link DynamoDbRequests} sends what the SDK's DynamoDB client sends (DynamoDB API reference; AWS JSON 1.0) for
 * every operation the stores use, with every kind of attribute value, and reads answers and refusals as the client
 * reads them; both through an HTTP client that keeps every request in memory (no socket). The stores' ITs run the
 * calls against moto.
 */
class DynamoDbRequestsTest {

    private static final URI ENDPOINT = URI.create("https://dynamodb.us-east-1.amazonaws.com");
    private static final StaticCredentialsProvider TESTING =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    /** Every kind of attribute value, nested. */
    private static final Map<String, AttributeValue> ITEM = Map.of(
            "pk", AttributeValue.fromS("client#c1"),
            "version", AttributeValue.fromN("7"),
            "digest", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff})),
            "suspended", AttributeValue.fromBool(false),
            "none", AttributeValue.fromNul(true),
            "uris", AttributeValue.fromL(List.of(AttributeValue.fromS("https://a.example"), AttributeValue.fromN("1"))),
            "empty", AttributeValue.fromL(List.of()),
            "checks", AttributeValue.fromM(Map.of("https://a.example", AttributeValue.fromM(Map.of(
                    "status", AttributeValue.fromS("ok"), "at", AttributeValue.fromN("1700000000"))))),
            "scopes", AttributeValue.fromSs(List.of("openid", "patient/*.read")),
            "sizes", AttributeValue.fromNs(List.of("1", "2.5")));
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("client#c1"));

    private final RecordingHttpClient http = new RecordingHttpClient();
    private final DynamoDbRequests requests = new DynamoDbRequests(http, ENDPOINT, Region.US_EAST_1, TESTING);

    @Test
    void sendsTheRequestsTheSdksDynamoDbClientSends() {
        GetItemRequest get = GetItemRequest.builder().tableName("clients").key(KEY).consistentRead(true).build();
        PutItemRequest put = PutItemRequest.builder().tableName("clients").item(ITEM)
                .conditionExpression("attribute_not_exists(#pk) OR #version = :expected")
                .expressionAttributeNames(Map.of("#pk", "pk", "#version", "version"))
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("6")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE).build();
        UpdateItemRequest update = UpdateItemRequest.builder().tableName("counts").key(KEY)
                .updateExpression("ADD #count :one SET #expiresAt = if_not_exists(#expiresAt, :expires)")
                .expressionAttributeNames(Map.of("#count", "count", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":expires", AttributeValue.fromN("99")))
                .returnValues(ReturnValue.UPDATED_NEW).build();
        DeleteItemRequest delete = DeleteItemRequest.builder().tableName("clients").key(KEY)
                .conditionExpression("#version = :expected").expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("7"))).returnValues(ReturnValue.ALL_OLD).build();
        QueryRequest query = QueryRequest.builder().tableName("clients").indexName("by-domain").consistentRead(false)
                .keyConditionExpression("#domain = :domain").expressionAttributeNames(Map.of("#domain", "domain"))
                .expressionAttributeValues(Map.of(":domain", AttributeValue.fromS("example.com")))
                .exclusiveStartKey(ITEM).limit(25).select(Select.COUNT).scanIndexForward(false)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        TransactWriteItemsRequest transaction = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("clients").item(ITEM)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName("clients").key(KEY).updateExpression("SET #s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("active")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("clients").key(KEY)).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("clients").key(KEY)
                        .conditionExpression("attribute_exists(pk)")).build())
                .clientRequestToken("token-1").build();

        try (DynamoDbClient sdk = DynamoDbClient.builder().httpClient(http).endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1).credentialsProvider(TESTING).build()) {
            sdk.getItem(get);
            requests.getItem(get);
            sdk.putItem(put);
            requests.putItem(put);
            sdk.updateItem(update);
            requests.updateItem(update);
            sdk.deleteItem(delete);
            requests.deleteItem(delete);
            sdk.query(query);
            requests.query(query);
            sdk.transactWriteItems(transaction);
            requests.transactWriteItems(transaction);
            // The builder forms build the same requests.
            sdk.getItem(r -> r.tableName("clients").key(KEY));
            requests.getItem(r -> r.tableName("clients").key(KEY));
            sdk.putItem(r -> r.tableName("clients").item(KEY));
            requests.putItem(r -> r.tableName("clients").item(KEY));
            sdk.updateItem(r -> r.tableName("clients").key(KEY).updateExpression("REMOVE #a"));
            requests.updateItem(r -> r.tableName("clients").key(KEY).updateExpression("REMOVE #a"));
            sdk.deleteItem(r -> r.tableName("clients").key(KEY));
            requests.deleteItem(r -> r.tableName("clients").key(KEY));
            sdk.query(r -> r.tableName("clients").keyConditionExpression("pk = :pk"));
            requests.query(r -> r.tableName("clients").keyConditionExpression("pk = :pk"));
            sdk.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().delete(d -> d.tableName("t").key(KEY)).build())
                    .clientRequestToken("token-2"));
            requests.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().delete(d -> d.tableName("t").key(KEY)).build())
                    .clientRequestToken("token-2"));
        }

        assertThat(http.sent).hasSize(24);
        assertThat(http.sent.get(0).request().firstMatchingHeader("X-Amz-Target")).contains("DynamoDB_20120810.GetItem");
        http.assertPairsSentAlike("testing/\\d{8}/us-east-1/dynamodb/aws4_request");
    }

    @Test
    void aTransactionWithoutATokenIsGivenOneAsTheClientGivesIt() throws Exception {
        // The SDK fills in an idempotency token (a random UUID), so that a retried transaction is applied once.
        requests.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().delete(d -> d.tableName("t").key(KEY)).build()));
        requests.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().delete(d -> d.tableName("t").key(KEY)).build()));

        List<String> tokens = new java.util.ArrayList<>();
        for (RecordingHttpClient.Sent sent : http.sent) {
            tokens.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.body()).path("ClientRequestToken").asText());
        }
        assertThat(tokens).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(token -> assertThat(java.util.UUID.fromString(token)).hasToString(token));
    }

    @Test
    void readsAnswersAsTheSdksClientReadsThem() {
        Function<Map<String, AttributeValue>, String> json = item -> new String(ModelCalls.body(
                PutItemRequest.builder().item(item).build()), java.nio.charset.StandardCharsets.UTF_8);
        String item = json.apply(ITEM).replaceFirst("^\\{\"Item\":", "").replaceFirst("}$", "");
        http.answer = "{\"Item\": " + item + ", \"ConsumedCapacity\": {\"TableName\": \"clients\", \"CapacityUnits\": 0.5},"
                + " \"Items\": [" + item + ", {}], \"Count\": 2, \"ScannedCount\": 3, \"LastEvaluatedKey\": {\"pk\": {\"S\": \"c9\"}},"
                + " \"Attributes\": " + item + ", \"Unknown\": [1, 2]}";

        try (DynamoDbClient sdk = DynamoDbClient.builder().httpClient(http).endpointOverride(ENDPOINT)
                .region(Region.US_EAST_1).credentialsProvider(TESTING).build()) {
            assertSameAnswer(requests.getItem(r -> r.key(KEY)), sdk.getItem(r -> r.key(KEY)));
            assertThat(requests.getItem(r -> r.key(KEY)).item()).isEqualTo(ITEM);
            assertSameAnswer(requests.query(r -> r.tableName("t")), sdk.query(r -> r.tableName("t")));
            assertThat(requests.query(r -> r.tableName("t")).count()).isEqualTo(2);
            assertSameAnswer(requests.updateItem(r -> r.key(KEY)), sdk.updateItem(r -> r.key(KEY)));
            assertThat(requests.deleteItem(r -> r.key(KEY)).attributes()).isEqualTo(ITEM);
            assertSameAnswer(requests.putItem(r -> r.item(KEY)), sdk.putItem(r -> r.item(KEY)));
        }
        http.answer = "{}";
        assertThat(requests.getItem(r -> r.key(KEY)).hasItem()).isFalse();
    }

    /** The same members read (the SDK's answer also holds its HTTP response, which equals() compares). */
    private static void assertSameAnswer(SdkPojo ours, SdkPojo sdks) {
        assertThat(ours.equalsBySdkFields(sdks)).as(ours + " read as " + sdks).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"Item\": {\"pk\": {\"S\": 1}}}",
        "{\"Item\": {\"pk\": {\"B\": \"not base64!\"}}}",
        "{\"Item\": {\"pk\": {\"BOOL\": \"true\"}}}",
        "{\"Item\": {\"pk\": {\"L\": {}}}}",
        "{\"Item\": {\"pk\": {\"M\": []}}}",
        "{\"Item\": {\"pk\": \"client#c1\"}}",
        "{\"ConsumedCapacity\": {\"CapacityUnits\": \"0.5\"}}",
        "[]",
        "not JSON",
    })
    void anAnswerOfTheWrongShapeIsAClientFailure(String answer) {
        http.answer = answer;

        assertThatThrownBy(() -> requests.getItem(r -> r.key(KEY))).isInstanceOf(SdkClientException.class)
                .message().doesNotContain("client#c1");
    }

    @Test
    void aFailedConditionIsTheClientsException() {
        http.status = 400;
        http.answer = "{\"__type\": \"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + " \"message\": \"The conditional request failed for client#c1\"}";

        assertThatThrownBy(() -> requests.putItem(r -> r.item(KEY)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, refused -> {
                    assertThat(refused.statusCode()).isEqualTo(400);
                    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ConditionalCheckFailedException");
                })
                .message().doesNotContain("client#c1");
        assertThat(http.sent).hasSize(1);
    }

    @Test
    void aCancelledTransactionNamesEachReasonsCodeOnly() {
        http.status = 400;
        http.answer = "{\"__type\": \"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                + " \"Message\": \"Transaction cancelled [ConditionalCheckFailed, None]\", \"CancellationReasons\": ["
                + "{\"Code\": \"ConditionalCheckFailed\", \"Message\": \"about client#c1\", \"Item\": {\"pk\": {\"S\": \"client#c1\"}}},"
                + " {\"Code\": \"None\"}, {}]}";

        assertThatThrownBy(() -> requests.transactWriteItems(r -> r.transactItems(List.of())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, refused -> assertThat(refused.cancellationReasons())
                        .containsExactly(CancellationReason.builder().code("ConditionalCheckFailed").build(),
                                CancellationReason.builder().code("None").build(), CancellationReason.builder().build()))
                .message().doesNotContain("client#c1");
        http.answer = "{\"__type\": \"TransactionCanceledException\"}";
        assertThatThrownBy(() -> requests.transactWriteItems(r -> r.transactItems(List.of())))
                .isInstanceOfSatisfying(TransactionCanceledException.class,
                        refused -> assertThat(refused.cancellationReasons()).isEmpty());
        http.answer = "not JSON";
        http.sent.clear();
        assertThatThrownBy(() -> requests.transactWriteItems(r -> r.transactItems(List.of())))
                .isInstanceOf(DynamoDbException.class);
        assertThat(http.sent).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "400 | {\"__type\": \"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\", \"message\": \"clients\"} | ResourceNotFoundException | 1",
        "400 | {\"__type\": \"com.amazonaws.dynamodb.v20120810#ValidationException\", \"message\": \"clients\"} | ValidationException | 1",
        "403 | {\"message\": \"clients\"} | '' | 1",
        "400 | {\"__type\": \"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\"} | ProvisionedThroughputExceededException | 3",
        "500 | {\"__type\": \"com.amazonaws.dynamodb#InternalServerError\"} | InternalServerError | 3",
    })
    void anyOtherRefusalIsADynamoDbExceptionNamingItsType(int status, String body, String type, int attempts) {
        http.status = status;
        http.answer = body;

        assertThatThrownBy(() -> requests.getItem(r -> r.tableName("clients").key(KEY)))
                .isExactlyInstanceOf(DynamoDbException.class)
                .isInstanceOfSatisfying(DynamoDbException.class, refused -> {
                    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo(type);
                    assertThat(refused.statusCode()).isEqualTo(status);
                })
                .message().doesNotContain("clients");
        assertThat(http.sent).hasSize(attempts);
    }
}
