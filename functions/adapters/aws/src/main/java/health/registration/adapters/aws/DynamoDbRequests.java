package health.registration.adapters.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB operations the stores use (DynamoDB API reference: GetItem, PutItem, UpdateItem, DeleteItem, Query,
 * TransactWriteItems; AWS JSON 1.0, {@code X-Amz-Target: DynamoDB_20120810.<operation>}), taking and answering the
 * SDK's own model objects, sent as {@link ModelCalls} sends them: without the
 * DynamoDB client, whose marshallers name every operation's model, nor the SDK's client runtime
 * (docs/performance-packages.md). The methods have the client's names and signatures. A refusal is thrown as the
 * client throws it for the two the stores tell apart, {@link ConditionalCheckFailedException} and {@link
 * TransactionCanceledException} (with each reason's code only), and as a {@link DynamoDbException} naming the error's
 * type otherwise; never with DynamoDB's message or an item, which may quote what was stored. Other failures are
 * {@link SdkClientException}s, as for the client.
 */
public final class DynamoDbRequests {

    static final String SIGNING_NAME = "dynamodb";
    /** The SDK's variable for DynamoDB's endpoint (service id "DynamoDB"). */
    static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_DYNAMODB";
    static final String TARGET_PREFIX = "DynamoDB_20120810.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String SERVICE = "DynamoDB";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCalls calls;
    private final URI endpoint;

    /**
     * @param http        sends the signed requests; stays its giver's to close
     * @param endpoint    DynamoDB's endpoint (scheme, host and port)
     * @param region      the region the requests are signed for
     * @param credentials the signing credentials, resolved for every request
     */
    public DynamoDbRequests(SdkHttpClient http, URI endpoint, Region region, AwsCredentialsProvider credentials) {
        this.calls = new ModelCalls(new SignedRequests(SERVICE, SIGNING_NAME, http, endpoint, region, credentials,
                DynamoDbRequests::refusal), SERVICE, TARGET_PREFIX, CONTENT_TYPE);
        this.endpoint = endpoint;
    }

    /** This container's requests: {@link ClientSettings}' region and credentials, DynamoDB's endpoint, built on first use. */
    public static DynamoDbRequests shared() {
        return Holder.REQUESTS;
    }

    // The JVM initialises the holder, and so builds the sender, on its first use only.
    private static final class Holder {
        static final DynamoDbRequests REQUESTS = ClientSettings.sender(DynamoDbRequests::endpoint,
                DynamoDbRequests::new);
    }

    /** DynamoDB's endpoint in {@code region}, or the one the environment sets as the SDK reads it. */
    public static URI endpoint(Map<String, String> environment, Region region) {
        return SignedRequests.endpoint(environment, ENDPOINT_VARIABLE, SIGNING_NAME, region);
    }

    /** Where the requests go (for the tests' check that they go to the emulator). */
    public URI endpoint() {
        return endpoint;
    }

    public GetItemResponse getItem(GetItemRequest request) {
        return call("GetItem", request, GetItemResponse.builder());
    }

    public GetItemResponse getItem(Consumer<GetItemRequest.Builder> request) {
        return getItem(GetItemRequest.builder().applyMutation(request).build());
    }

    public PutItemResponse putItem(PutItemRequest request) {
        return call("PutItem", request, PutItemResponse.builder());
    }

    public PutItemResponse putItem(Consumer<PutItemRequest.Builder> request) {
        return putItem(PutItemRequest.builder().applyMutation(request).build());
    }

    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return call("UpdateItem", request, UpdateItemResponse.builder());
    }

    public UpdateItemResponse updateItem(Consumer<UpdateItemRequest.Builder> request) {
        return updateItem(UpdateItemRequest.builder().applyMutation(request).build());
    }

    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return call("DeleteItem", request, DeleteItemResponse.builder());
    }

    public DeleteItemResponse deleteItem(Consumer<DeleteItemRequest.Builder> request) {
        return deleteItem(DeleteItemRequest.builder().applyMutation(request).build());
    }

    public QueryResponse query(QueryRequest request) {
        return call("Query", request, QueryResponse.builder());
    }

    public QueryResponse query(Consumer<QueryRequest.Builder> request) {
        return query(QueryRequest.builder().applyMutation(request).build());
    }

    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return call("TransactWriteItems", request, TransactWriteItemsResponse.builder());
    }

    public TransactWriteItemsResponse transactWriteItems(Consumer<TransactWriteItemsRequest.Builder> request) {
        return transactWriteItems(TransactWriteItemsRequest.builder().applyMutation(request).build());
    }

    private <T> T call(String operation, SdkPojo request, SdkPojo answerBuilder) {
        return calls.call(operation, request, answerBuilder);
    }

    /** A refusal as the client throws it, without DynamoDB's message or any item. */
    static RuntimeException refusal(int status, String type, byte[] body) {
        String message = SERVICE + " answered HTTP " + status + (type.isEmpty() ? "" : " (" + type + ")");
        AwsErrorDetails details = AwsErrorDetails.builder().errorCode(type).serviceName(SERVICE).build();
        DynamoDbException.Builder refusal = switch (type) {
            case "ConditionalCheckFailedException" -> ConditionalCheckFailedException.builder();
            case "TransactionCanceledException" -> TransactionCanceledException.builder().cancellationReasons(reasons(body));
            default -> DynamoDbException.builder();
        };
        return refusal.message(message).statusCode(status).awsErrorDetails(details).build();
    }

    /** Each cancellation reason's code, in the order of the transaction's items; none when the body names none. */
    private static List<CancellationReason> reasons(byte[] body) {
        List<CancellationReason> reasons = new ArrayList<>();
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null) {
                for (JsonNode reason : error.path("CancellationReasons")) {
                    JsonNode code = reason.path("Code");
                    reasons.add(CancellationReason.builder().code(code.isTextual() ? code.textValue() : null).build());
                }
            }
        } catch (IOException notJson) {
            // No reasons: the store treats the cancellation as unexplained.
        }
        return reasons;
    }
}
