package health.registration.adapters.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SDK clients the issuing functions' adapters call (the reverify function's SQS client is its own: {@link
 * SqsClients}): the container's own ({@link AwsClients#shared()}), or clients that
 * answer from memory and never reach the network ({@link AwsClients#offline}), with which a function primes its
 * request paths before a SnapStart snapshot.
 */
public interface ServiceClients {

    DynamoDbClient dynamoDb();

    SecretsManagerClient secretsManager();

    /** Synchronous invocations of the probe function (no Lambda client: see {@link LambdaInvoke}). */
    LambdaInvoke lambdaInvoke();

    /** EventBridge's PutEvents (no EventBridge client: see {@link EventBridgePutEvents}). */
    EventBridgePutEvents eventBridge();
}
