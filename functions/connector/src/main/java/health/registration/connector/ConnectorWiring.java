package health.registration.connector;

import health.registration.adapters.aws.DynamoDbRequests;
import health.registration.adapters.aws.SecretsManagerRequests;
import health.registration.adapters.dynamodb.DynamoClientStore;
import health.registration.adapters.keycloak.KeycloakAdminSession;
import health.registration.adapters.keycloak.KeycloakAuthorizationServerClients;
import health.registration.adapters.keycloak.KeycloakConnection;
import health.registration.adapters.secrets.SecretsManagerSecretStore;
import health.registration.core.connector.AuthorizationServerClients;
import health.registration.core.connector.ChangeEventConnector;
import health.registration.core.connector.ClientReconcile;
import health.registration.core.issue.ClientStore;
import health.registration.core.issue.SecretStore;
import health.registration.edge.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's pieces: the registry ({@code CLIENTS_TABLE}), the client secrets ({@code SECRET_PREFIX}, read
 * with the function's own role), and the Keycloak realm ({@code KEYCLOAK_BASE_URL}, {@code KEYCLOAK_REALM}, the
 * administrator from {@code KEYCLOAK_ADMIN_CREDENTIALS_SECRET}; docs/operations/keycloak.md).
 */
record ConnectorWiring(ChangeEventConnector connector, ClientReconcile reconcile) {

    static ConnectorWiring of(ClientStore registry, AuthorizationServerClients server, SecretStore secrets) {
        ChangeEventConnector connector = new ChangeEventConnector(registry, server, secrets);
        return new ConnectorWiring(connector, new ClientReconcile(registry, server, connector));
    }

    /**
     * Over this container's AWS clients.
     *
     * @throws IllegalArgumentException when {@code KEYCLOAK_BASE_URL} is unset or the Keycloak settings are
     *     incomplete (the message names the setting, never a credential)
     */
    static ConnectorWiring fromEnvironment(Map<String, String> environment) {
        KeycloakConnection connection = KeycloakConnection.fromEnvironment(environment,
                        name -> SecretsManagerRequests.shared().secretString(name).orElse(null))
                .orElseThrow(() -> new IllegalArgumentException(KeycloakConnection.BASE_URL
                        + " is not set: there is no Keycloak to keep in step"));
        ClientStore registry = new DynamoClientStore(DynamoDbRequests.shared(), environment.get(Settings.CLIENTS_TABLE));
        SecretStore secrets = new SecretsManagerSecretStore(SecretsManagerRequests.shared(),
                environment.get(Settings.SECRET_PREFIX), Optional.empty());
        return of(registry, new KeycloakAuthorizationServerClients(new KeycloakAdminSession(connection)), secrets);
    }
}
