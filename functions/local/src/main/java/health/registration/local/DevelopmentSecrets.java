package health.registration.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@code scripts/make-dev-secrets}: makes a {@link DevelopmentPki} and stores its three texts as Secrets Manager
 * secrets (at {@code AWS_ENDPOINT_URL} when it is set, else the SDK's default endpoint for {@code AWS_REGION}), then
 * prints the {@code sam deploy} parameters that name them, one {@code Name=value} a line on standard output. No key
 * is ever printed. An existing secret is left as it is unless {@code --replace} is given, which stores a new version
 * (rotation, docs/deploy.md "Rotating secrets"). Exits 2 on a wrong argument, 1 when Secrets Manager refuses.
 */
public final class DevelopmentSecrets {

    static final String USAGE = """
            usage: scripts/make-dev-secrets --public-base-url URL [--fhir-base-url URL] [--prefix NAME/]
                   [--ca-name NAME] [--community URI] [--kms-key-id KEY] [--replace]
              --public-base-url  the API's base URL (PublicBaseUrl); the CA's CRL is URL/crl/<ca-name>.crl
              --fhir-base-url    the FHIR server's base URL (FhirBaseUrl), the server certificate's SAN URI;
                                 default: the public base URL
              --prefix           Secrets Manager name prefix (default fhir-registration/dev/)
              --ca-name          the developer CA's name (CertificateAuthorityName, default developers)
              --community        the trust community URI of the anchors (default urn:example:fhir-registration:dev)
              --kms-key-id       a customer managed KMS key for the secrets (ConfigurationSecretsKeyArn)
              --replace          store a new version of secrets that exist already (rotation)
            """;

    private static final Pattern CA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SECRET_PREFIX = Pattern.compile("[A-Za-z0-9/_+=.@-]*");

    /** The command's arguments, checked. */
    record Arguments(URI publicBaseUrl, URI fhirBaseUrl, String prefix, String caName, String community,
            Optional<String> kmsKeyId, boolean replace) {

        static Arguments parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean replace = false;
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                if (name.equals("--replace")) {
                    replace = true;
                } else if (List.of("--public-base-url", "--fhir-base-url", "--prefix", "--ca-name", "--community",
                        "--kms-key-id").contains(name) && i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new IllegalArgumentException("unknown argument or missing value: " + name);
                }
            }
            URI publicBase = url("--public-base-url", Optional.ofNullable(values.get("--public-base-url"))
                    .orElseThrow(() -> new IllegalArgumentException("--public-base-url is required")));
            URI fhirBase = values.containsKey("--fhir-base-url") ? url("--fhir-base-url", values.get("--fhir-base-url"))
                    : publicBase;
            String prefix = values.getOrDefault("--prefix", "fhir-registration/dev/");
            if (!SECRET_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("--prefix may hold only letters, digits and /_+=.@-");
            }
            String caName = values.getOrDefault("--ca-name", "developers");
            if (!CA_NAME.matcher(caName).matches()) {
                throw new IllegalArgumentException("--ca-name must be lower-case letters, digits and hyphens");
            }
            String community = values.getOrDefault("--community", "urn:example:fhir-registration:dev");
            try {
                if (community.isBlank() || !new URI(community).isAbsolute()) {
                    throw new URISyntaxException(community, "not absolute");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("--community must be an absolute URI");
            }
            return new Arguments(publicBase, fhirBase, prefix, caName, community,
                    Optional.ofNullable(values.get("--kms-key-id")), replace);
        }

        private static URI url(String name, String value) {
            try {
                URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                if (uri.isAbsolute() && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                        && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL without query or fragment");
        }

        URI crlUrl() {
            return URI.create(publicBaseUrl + "/crl/" + caName + ".crl");
        }
    }

    /** One secret to store: the template parameter that names it, its name, its text. */
    record Secret(String parameter, String name, String text) {
        @Override
        public String toString() {
            return parameter + "=" + name;
        }
    }

    private DevelopmentSecrets() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException wrong) {
            err.println("make-dev-secrets: " + wrong.getMessage());
            err.print(USAGE);
            return 2;
        }
        List<Secret> secrets;
        try {
            secrets = secrets(arguments, DevelopmentPki.make(arguments.fhirBaseUrl(), arguments.crlUrl(),
                    arguments.community(), Instant.now()));
        } catch (GeneralSecurityException e) {
            err.println("make-dev-secrets: the development PKI could not be made: " + e.getMessage());
            return 1;
        }
        try (SecretsManagerClient client = client(environment)) {
            List<String> existing = secrets.stream().map(Secret::name).filter(name -> exists(client, name)).toList();
            if (!existing.isEmpty() && !arguments.replace()) {
                err.println("make-dev-secrets: " + String.join(", ", existing) + " exist already; nothing was"
                        + " stored (give --replace to store new versions)");
                return 1;
            }
            for (Secret secret : secrets) {
                err.println("make-dev-secrets: " + store(client, secret, existing.contains(secret.name()),
                        arguments.kmsKeyId()) + " " + secret.name());
            }
        } catch (SdkException refused) {
            err.println("make-dev-secrets: Secrets Manager refused: " + refused.getClass().getSimpleName() + ": "
                    + refused.getMessage());
            return 1;
        }
        for (Secret secret : secrets) {
            out.println(secret);
        }
        out.println("CertificateAuthorityName=" + arguments.caName());
        out.println("FhirBaseUrl=" + arguments.fhirBaseUrl());
        arguments.kmsKeyId().ifPresent(key -> out.println("ConfigurationSecretsKeyArn=" + key));
        err.println("make-dev-secrets: pass these to sam deploy --parameter-overrides, with UdapTokenEndpoint"
                + " (docs/deploy.md)");
        return 0;
    }

    static List<Secret> secrets(Arguments arguments, DevelopmentPki pki) {
        return List.of(
                new Secret("UdapServerCredentialsSecret", arguments.prefix() + "udap-server-credentials",
                        pki.serverCredentials()),
                new Secret("UdapTrustAnchorsSecret", arguments.prefix() + "udap-trust-anchors", pki.trustAnchors()),
                new Secret("CertificateAuthoritySecret", arguments.prefix() + "certificate-authority",
                        pki.certificateAuthority()));
    }

    private static boolean exists(SecretsManagerClient client, String name) {
        try {
            client.describeSecret(r -> r.secretId(name));
            return true;
        } catch (ResourceNotFoundException absent) {
            return false;
        }
    }

    /** Creates the secret, or stores a new version of one that exists; says which it did. */
    private static String store(SecretsManagerClient client, Secret secret, boolean exists, Optional<String> kmsKeyId) {
        if (exists) {
            client.putSecretValue(r -> r.secretId(secret.name()).secretString(secret.text()));
            return "new version of";
        }
        client.createSecret(r -> {
            r.name(secret.name()).secretString(secret.text())
                    .description("Development only (scripts/make-dev-secrets): " + secret.parameter());
            kmsKeyId.ifPresent(r::kmsKeyId);
        });
        return "created";
    }

    private static SecretsManagerClient client(Map<String, String> environment) {
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = environment.getOrDefault(EmulatorTables.ENDPOINT, "").strip();
        if (!endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
