package health.registration.adapters.aws;

/**
 * The AWS calls the issuing functions' adapters call (the reverify function's SQS client is its own: {@link
 * SqsClients}): the container's own ({@link AwsClients#shared()}), or clients that
 * answer from memory and never reach the network ({@link AwsClients#offline}), with which a function primes its
 * request paths before a SnapStart snapshot.
 */
public interface ServiceClients {

    /** DynamoDB's item, query and transaction calls (no DynamoDB client: see {@link DynamoDbRequests}). */
    DynamoDbRequests dynamoDb();

    /** Secrets Manager's CreateSecret, GetSecretValue and DeleteSecret (no Secrets Manager client: see {@link SecretsManagerRequests}). */
    SecretsManagerRequests secretsManager();

    /** Synchronous invocations of the probe function (no Lambda client: see {@link LambdaInvoke}). */
    LambdaInvoke lambdaInvoke();

    /** EventBridge's PutEvents (no EventBridge client: see {@link EventBridgePutEvents}). */
    EventBridgePutEvents eventBridge();
}
